import { CrucibleError } from "../errors/CrucibleError.ts";
import { swapFee } from "../protocol/dtaoPool.ts";
import type { DtaoCall, DtaoNetworkView, DtaoSession } from "../protocol/dtaoSession.ts";
import { fromWad, MIN_STAKE, raoToTao } from "../protocol/dtaoUnits.ts";
import type { Rng } from "../rng/createRng.ts";
import type { NetworkEpochRow } from "../run/networkEpochRow.ts";
import { chooseStakeSubnet } from "./chooseStakeSubnet.ts";
import { dividendWeights } from "./dividendWeights.ts";
import {
  type AttackerRow,
  attackerBuys,
  attackerRows,
  attackerSells,
  type NetworkAttacker,
} from "./marketAttackers.ts";
import type { NetworkFeedback } from "./stakeFeedback.ts";

export type { NetworkEpochRow };

/** Who is who in the network (agent indices of the DtaoSession). */
export interface NetworkLayout {
  /** The owner of each subnet (netuid − 1); it registers the subnet. */
  readonly owners: readonly number[];
  /** Per subnet: its validators and the TAO each stakes into it before the first epoch. */
  readonly validators: readonly (readonly { readonly agent: number; readonly tao: bigint }[])[];
  /** Per subnet: its miners, in the order of its incentive vector. */
  readonly miners: readonly (readonly number[])[];
  /** Yield-seeking stakers; each moves all its TAO between subnets. */
  readonly stakers: readonly number[];
}

export interface NetworkRunOptions {
  readonly session: DtaoSession;
  readonly layout: NetworkLayout;
  readonly epochs: number;
  /** Blocks an epoch (the tempo). */
  readonly tempo: number;
  readonly inertia: number;
  /** Yield a move must gain to be worth its fees and slippage. */
  readonly switchCost: number;
  /** Weight of the latest observed yield in a staker's expectation (EMA), in (0, 1]. */
  readonly yieldMemory: number;
  /** Share of its alpha each miner sells back to the pool after each epoch (miners pay for compute). */
  readonly minerSellFraction: number;
  /** The pools' fee rate (of 65535): a staker holding less than the minimum stake plus its fee stays
   * out of the pools instead of sending a stake the contracts refuse. */
  readonly feeRate: bigint;
  readonly rng: Rng;
  /** Market attackers (their agents hold their TAO at genesis); none by default. */
  readonly attackers?: readonly NetworkAttacker[];
  /** The subnet's incentive for its miners at an epoch (from its mechanism), any scale. */
  readonly incentive: (subnet: number, epoch: number) => readonly bigint[];
  /** Stake feedback (`dtao.stakeFeedback`): the subnets run beside the network, weigh their agents'
   * alpha in Yuma and are waited for each epoch; validators are paid by their Yuma dividends. */
  readonly feedback?: NetworkFeedback;
}

async function submitAll(session: DtaoSession, calls: readonly DtaoCall[], what: string): Promise<void> {
  if (calls.length === 0) return;
  const outcomes = await session.submit(calls);
  const failed = outcomes.findIndex((o) => o.status !== "success");
  if (failed >= 0)
    throw new CrucibleError(
      "CRUCIBLE_CHAIN_FAILED",
      `${what}: ${calls[failed].kind} reverted with ${outcomes[failed].error}`,
      {
        details: `the network layer does not expect this call to revert (agent ${"agent" in calls[failed] ? (calls[failed] as { agent: number }).agent : "-"})`,
      },
    );
}

/**
 * The network layer of a multi-subnet run over the dTAO port: subnets registered by their owners,
 * validators staked, then each epoch stakers choose where to hold their TAO (yield-seeking with
 * inertia), the tempo's blocks run (emission split across subnets by EMA price), and each subnet's
 * pending alpha is paid: miners by their mechanism's incentive, alpha holders (validators and
 * stakers) pro rata to their alpha, as with validators in full agreement. Returns the rows.
 */
export async function runNetworkEpochs(
  o: NetworkRunOptions,
): Promise<{ rows: NetworkEpochRow[]; attackers: AttackerRow[] }> {
  const attackers = o.attackers ?? [];
  const attackRows: AttackerRow[] = [];
  const { session, layout } = o;
  const n = layout.owners.length;
  await submitAll(
    session,
    layout.owners.map((agent) => ({ kind: "registerSubnet" as const, agent, maxLock: 10n ** 30n })),
    "registering subnets",
  );
  await submitAll(
    session,
    layout.validators.flatMap((vs, i) =>
      vs.map((v) => ({ kind: "stake" as const, agent: v.agent, netuid: i + 1, tao: v.tao })),
    ),
    "staking validators",
  );
  o.feedback?.publish(0, (await session.readBalances()).alpha);
  const position = new Map<number, number | null>(layout.stakers.map((s) => [s, null]));
  let expected = Array.from({ length: n }, () => 0);
  const rows: NetworkEpochRow[] = [];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    // 1. Stakers move: out of the old subnet in one block, into the new one in the next.
    let balances = await session.readBalances();
    const moves = layout.stakers.flatMap((s) => {
      const from = position.get(s) ?? null;
      const to = chooseStakeSubnet(from, expected, o.inertia, o.switchCost, o.rng.float());
      return to === from ? [] : [{ staker: s, from, to: to as number }];
    });
    const taoBefore = [...balances.tao];
    await submitAll(
      session,
      moves.flatMap((m) =>
        m.from === null || balances.alpha[m.from][m.staker] === 0n
          ? []
          : [
              {
                kind: "unstake" as const,
                agent: m.staker,
                netuid: m.from + 1,
                alpha: balances.alpha[m.from][m.staker],
              },
            ],
      ),
      "stakers leaving",
    );
    balances = await session.readBalances();
    const stakeOut = Array.from({ length: n }, () => 0n);
    const stakeIn = Array.from({ length: n }, () => 0n);
    const entering: typeof moves = [];
    for (const m of moves) {
      if (m.from !== null) stakeOut[m.from] += balances.tao[m.staker] - taoBefore[m.staker];
      const tao = balances.tao[m.staker];
      // Too little TAO left to stake (the contracts' StakeTooSmall): the staker holds it, out of
      // every pool, and chooses again next epoch.
      if (tao < MIN_STAKE + swapFee(tao, o.feeRate)) {
        position.set(m.staker, null);
        continue;
      }
      stakeIn[m.to] += tao;
      position.set(m.staker, m.to);
      entering.push(m);
    }
    await submitAll(
      session,
      entering.map((m) => ({
        kind: "stake" as const,
        agent: m.staker,
        netuid: m.to + 1,
        tao: balances.tao[m.staker],
      })),
      "stakers entering",
    );
    // Attackers buy before the blocks (their reverts are outcomes, not failures).
    const buys = attackerBuys(attackers, epoch, await session.readBalances());
    if (buys.length > 0) await session.submit(buys);
    // 2. The tempo's blocks: emission split by EMA price into the pools and the accumulators.
    const before = await session.readNetwork();
    await submitAll(session, [{ kind: "runBlocks", blocks: o.tempo }], "running blocks");
    const after = await session.readNetwork();
    balances = await session.readBalances();
    // 3. Each subnet's epoch: miners by incentive, alpha holders pro rata (with stake feedback, the
    // validators' part by their Yuma dividends; the subnets' epoch must have ended).
    await o.feedback?.epochRows(epoch);
    const holders = (i: number) =>
      [
        ...new Set([
          ...layout.validators[i].map((v) => v.agent),
          ...layout.stakers,
          ...attackers.filter((a) => a.subnet === i).map((a) => a.agent),
        ]),
      ].filter((a) => balances.alpha[i][a] > 0n);
    const calls: DtaoCall[] = after.subnets.map((_, i) => {
      const h = holders(i);
      const alpha = h.map((a) => balances.alpha[i][a]);
      return {
        kind: "distribute",
        netuid: i + 1,
        miners: layout.miners[i],
        incentive: o.feedback?.incentive(i, epoch) ?? o.incentive(i, epoch),
        validators: h,
        dividends:
          o.feedback === undefined ? alpha : dividendWeights(h, alpha, o.feedback.dividends(i, epoch)),
      };
    });
    await submitAll(session, calls, "paying epochs");
    const paid = await session.readBalances();
    // 4. Miners sell: each its share of what it holds, in one block (a sale too small is refused).
    const sells: DtaoCall[] = layout.miners.flatMap((ms, i) =>
      [...new Set(ms)].flatMap((m) => {
        const alpha = (paid.alpha[i][m] * BigInt(Math.round(o.minerSellFraction * 1e6))) / 1_000_000n;
        return alpha > 0n ? [{ kind: "unstake" as const, agent: m, netuid: i + 1, alpha }] : [];
      }),
    );
    const sold = sells.length === 0 ? [] : await session.submit(sells);
    const minerSoldTao = Array.from({ length: n }, () => 0);
    const afterSales = await session.readBalances();
    sells.forEach((c, k) => {
      if (c.kind === "unstake" && sold[k].status === "success")
        minerSoldTao[c.netuid - 1] += raoToTao(afterSales.tao[c.agent] - paid.tao[c.agent]);
    });
    const exits = attackerSells(attackers, epoch, afterSales);
    if (exits.length > 0) await session.submit(exits);
    const end = await session.readNetwork();
    const final = await session.readBalances();
    attackRows.push(...attackerRows(attackers, epoch, final, end));
    o.feedback?.publish(epoch + 1, final.alpha);
    rows.push(
      ...epochRows(
        epoch,
        before,
        after,
        end,
        { stakeIn, stakeOut, position, expected, minerSoldTao },
        layout,
        balances,
        paid,
      ),
    );
    // 5. Stakers update their expectations: this epoch's dividends per alpha staked plus the
    // price's return over the epoch (what holding the subnet's alpha earned, in TAO).
    expected = after.subnets.map((s, i) => {
      const staked = holders(i).reduce((sum, a) => sum + balances.alpha[i][a], 0n);
      const dividends =
        Number(s.pendingValidator + s.pendingRoot) / Number(staked > 10n ** 9n ? staked : 10n ** 9n);
      const priceReturn =
        Number(end.subnets[i].price - before.subnets[i].price) / Number(before.subnets[i].price);
      return (1 - o.yieldMemory) * expected[i] + o.yieldMemory * (dividends + priceReturn);
    });
  }
  return { rows, attackers: attackRows };
}

function epochRows(
  epoch: number,
  before: DtaoNetworkView,
  after: DtaoNetworkView,
  end: DtaoNetworkView,
  flows: {
    stakeIn: bigint[];
    stakeOut: bigint[];
    position: Map<number, number | null>;
    expected: number[];
    minerSoldTao: number[];
  },
  layout: NetworkLayout,
  balances: Awaited<ReturnType<DtaoSession["readBalances"]>>,
  paid: Awaited<ReturnType<DtaoSession["readBalances"]>>,
): NetworkEpochRow[] {
  const emission = after.subnets.map((s, i) => s.tao - before.subnets[i].tao);
  const total = emission.reduce((a, b) => a + b, 0n);
  return end.subnets.map((s, i) => {
    const gain = (agents: readonly number[]) =>
      agents.reduce((sum, a) => sum + paid.alpha[i][a] - balances.alpha[i][a], 0n);
    const minerAlpha = gain([...new Set(layout.miners[i])]);
    const holders = [...new Set([...layout.validators[i].map((v) => v.agent), ...layout.stakers])];
    return {
      epoch,
      netuid: i + 1,
      price: fromWad(s.price),
      ema: fromWad(s.ema),
      emissionShare: total === 0n ? 0 : Number(emission[i]) / Number(total),
      emissionTao: raoToTao(emission[i]),
      taoReserve: raoToTao(s.tao),
      alphaReserve: raoToTao(s.alphaIn),
      stakeInTao: raoToTao(flows.stakeIn[i]),
      stakeOutTao: raoToTao(flows.stakeOut[i]),
      stakers: [...flows.position.values()].filter((p) => p === i).length,
      minerAlpha: raoToTao(minerAlpha),
      minerTao: raoToTao(minerAlpha) * fromWad(s.price),
      dividendAlpha: raoToTao(gain(holders.filter((a) => !layout.miners[i].includes(a)))),
      minerSoldTao: flows.minerSoldTao[i],
      expectedYield: flows.expected[i],
    };
  });
}
