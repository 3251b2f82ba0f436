import type { PhaseResult } from "../protocol/protocolSession.ts";
import { toTokens } from "../protocol/tokenUnits.ts";
import type { EpochRow } from "../run/runTables.ts";
import type { EpochRecorder } from "./epochRecorder.ts";
import type { TaskFees } from "./taskMarket.ts";

/** The epoch's row of epochs.csv: its reveal block, what it paid and burned, and its transactions. */
export function epochRow(
  epoch: number,
  recorder: EpochRecorder,
  reveal: PhaseResult,
  money: { rewardWei: readonly bigint[]; fees: TaskFees; slashedWei: readonly bigint[]; supply: bigint },
  inferences: number,
): EpochRow {
  const { gasUsed, transactions, reverted } = recorder.totals();
  const emissionWei = money.rewardWei.reduce((s, x) => s + x, 0n);
  return {
    epoch,
    block: Number(reveal.block),
    emissionWei: emissionWei.toString(),
    emission: toTokens(emissionWei),
    supply: toTokens(money.supply),
    inferences,
    transactions,
    reverted,
    gasUsed: Number(gasUsed),
    reveals: reveal.outcomes.filter((o) => o.status === "success").length,
    feesEscrowed: toTokens(money.fees.escrowedWei),
    feesReleased: toTokens(money.fees.releasedWei),
    feesRefunded: toTokens(money.fees.refundedWei),
    slashed: toTokens(money.slashedWei.reduce((s, x) => s + x, 0n)),
  };
}
