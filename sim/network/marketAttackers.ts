import type { DtaoBalances, DtaoCall, DtaoNetworkView } from "../protocol/dtaoSession.ts";
import { fromWad, raoToTao } from "../protocol/dtaoUnits.ts";

/**
 * The two market attacks of issue 21 (reference §6: shallow-pool manipulation, pump-for-share then
 * exit). A `manipulator` buys its target subnet's alpha with all its TAO before epoch `startEpoch`'s
 * blocks, holds it `holdEpochs` epochs (collecting dividends as a holder) and sells it all after the
 * last; a `wash` trader buys before every epoch's blocks from `startEpoch` on and sells it all after
 * the epoch is paid: emission-time price and dividends with no capital left in the pool.
 */
export interface NetworkAttacker {
  readonly kind: "manipulator" | "wash";
  readonly agent: number;
  /** Target subnet (netuid − 1). */
  readonly subnet: number;
  /** TAO (rao) it starts with. */
  readonly tao: bigint;
  readonly startEpoch: number;
  readonly holdEpochs: number;
}

/** One attacker at the end of one epoch (network_attackers.csv). */
export interface AttackerRow {
  epoch: number;
  attacker: string;
  kind: string;
  netuid: number;
  /** Free TAO plus its alpha at the spot price. */
  taoValue: number;
  /** taoValue less the TAO it started with. */
  profitTao: number;
}

export const ATTACKER_COLUMNS: (keyof AttackerRow & string)[] = [
  "epoch",
  "attacker",
  "kind",
  "netuid",
  "taoValue",
  "profitTao",
];

const active = (a: NetworkAttacker, epoch: number) =>
  a.kind === "wash" ? epoch >= a.startEpoch : epoch >= a.startEpoch && epoch < a.startEpoch + a.holdEpochs;

/** Before the epoch's blocks: who buys, with all its free TAO. */
export function attackerBuys(
  attackers: readonly NetworkAttacker[],
  epoch: number,
  b: DtaoBalances,
): DtaoCall[] {
  return attackers
    .filter((a) => (a.kind === "wash" ? active(a, epoch) : epoch === a.startEpoch) && b.tao[a.agent] > 0n)
    .map((a) => ({ kind: "stake", agent: a.agent, netuid: a.subnet + 1, tao: b.tao[a.agent] }));
}

/** After the epoch is paid: who sells, all its alpha. */
export function attackerSells(
  attackers: readonly NetworkAttacker[],
  epoch: number,
  b: DtaoBalances,
): DtaoCall[] {
  return attackers
    .filter(
      (a) =>
        (a.kind === "wash" ? active(a, epoch) : epoch === a.startEpoch + a.holdEpochs - 1) &&
        b.alpha[a.subnet][a.agent] > 0n,
    )
    .map((a) => ({
      kind: "unstake",
      agent: a.agent,
      netuid: a.subnet + 1,
      alpha: b.alpha[a.subnet][a.agent],
    }));
}

export function attackerRows(
  attackers: readonly NetworkAttacker[],
  epoch: number,
  b: DtaoBalances,
  view: DtaoNetworkView,
): AttackerRow[] {
  return attackers.map((a, i) => {
    const alphaTao = raoToTao(b.alpha[a.subnet][a.agent]) * fromWad(view.subnets[a.subnet].price);
    const taoValue = raoToTao(b.tao[a.agent]) + alphaTao;
    return {
      epoch,
      attacker: `${a.kind}-${i}`,
      kind: a.kind,
      netuid: a.subnet + 1,
      taoValue,
      profitTao: taoValue - raoToTao(a.tao),
    };
  });
}
