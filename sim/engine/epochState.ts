import type { PublicState } from "../population/agentTypes.ts";
import type { WeightSubmission } from "../protocol/protocolSession.ts";
import type { AnsweredBatch } from "./answerQueries.ts";
import type { Population } from "./buildPopulation.ts";

/** What carries from one epoch to the next (the engine owns it; `runEpoch` returns the next one). */
export interface EpochState {
  mechanismState: unknown;
  cumulative: Float64Array;
  /**
   * The weights in force, n×n u16: as on the chain, a validator's row persists until it reveals a
   * new one; `lastUpdate` is the block of each UID's latest accepted reveal (0: never).
   */
  weights: Float64Array;
  lastUpdate: Float64Array;
  /** Answered batches whose truth has not arrived yet (tasks with a truth delay). */
  pending: AnsweredBatch[];
  /** What each miner submitted last epoch. */
  lastAnswers: (Float32Array | undefined)[];
  publicState: PublicState;
  /**
   * Weight submissions committed but not revealed yet, by commit epoch (oldest first): with a
   * reveal delay d, the submissions committed at epoch e are revealed, same salt, at epoch e + d.
   */
  pendingCommits: PendingCommit[];
}

export interface PendingCommit {
  epoch: number;
  submissions: WeightSubmission[];
}

export function initialEpochState(population: Population, mechanismState: unknown): EpochState {
  const { n, miners } = population;
  return {
    mechanismState,
    cumulative: new Float64Array(n),
    weights: new Float64Array(n * n),
    lastUpdate: new Float64Array(n),
    pending: [],
    lastAnswers: miners.map(() => undefined),
    publicState: { incentive: null, consensus: null },
    pendingCommits: [],
  };
}

/** Splits pending commits into those of `revealEpoch` (revealed now) and later ones; older ones
 * (their reveal window passed) are dropped. */
export function takeDueCommits(
  pending: readonly PendingCommit[],
  revealEpoch: number,
): { due: WeightSubmission[]; waiting: PendingCommit[] } {
  return {
    due: pending.filter((p) => p.epoch === revealEpoch).flatMap((p) => p.submissions),
    waiting: pending.filter((p) => p.epoch > revealEpoch),
  };
}
