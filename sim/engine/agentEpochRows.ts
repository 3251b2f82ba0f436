import type { MechanismOutput } from "../mechanisms/mechanism.ts";
import { toTokens } from "../protocol/tokenUnits.ts";
import type { AgentEpochRow } from "../run/runTables.ts";
import type { Population } from "./buildPopulation.ts";

/**
 * One row per agent for the epoch: its mean score, mechanism shares, what emission paid it (adding
 * to `cumulative`, which it updates), the task fees it received, its stake (the chain's, or the
 * stake the mechanism weighed when overridden) and what was slashed.
 */
export function agentEpochRows(
  population: Population,
  epoch: number,
  output: MechanismOutput,
  scores: Float64Array[] | null,
  paid: { rewardWei: readonly bigint[]; feesWei: readonly bigint[]; slashedWei: readonly bigint[] },
  stakes: readonly bigint[],
  cumulative: Float64Array,
  /** The stake the mechanism weighed instead of the chain's (tokens, by UID), shown in `stake`. */
  stakeOverride: Float64Array | null = null,
): AgentEpochRow[] {
  const { validators, miners } = population;
  // One row per agent holding a UID (`population` is the epoch's view); `cumulative` is by slot.
  const row = (
    { uid, slot, agent }: { uid: number; slot: number; agent: string },
    role: "miner" | "validator",
    score: number,
  ): AgentEpochRow => {
    const reward = toTokens(paid.rewardWei[uid]);
    cumulative[slot] += reward;
    return {
      epoch,
      uid,
      agent,
      role,
      score,
      incentive: output.incentive[uid],
      dividends: output.dividends[uid],
      reward,
      cumulativeReward: cumulative[slot],
      stake: stakeOverride === null ? toTokens(stakes[uid]) : stakeOverride[uid],
      fees: toTokens(paid.feesWei[uid]),
      slashed: toTokens(paid.slashedWei[uid]),
    };
  };
  return [
    ...validators.map((v, k) => row(v, "validator", scores === null ? Number.NaN : mean(scores[k]))),
    ...miners.map((m, i) => row(m, "miner", scores === null ? Number.NaN : mean(scores.map((s) => s[i])))),
  ];
}

/** Mean of the numbers that are not NaN (miners a validator did not query); NaN if there are none. */
function mean(xs: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    if (Number.isNaN(xs[i])) continue;
    s += xs[i];
    n++;
  }
  return n > 0 ? s / n : Number.NaN;
}
