import type { PhaseResult, WeightSubmission } from "../protocol/protocolSession.ts";
import type { Rng } from "../rng/createRng.ts";
import type { EpochContext } from "./epochContext.ts";
import type { EpochRecorder } from "./epochRecorder.ts";
import { type EpochState, type PendingCommit, takeDueCommits } from "./epochState.ts";
import { revealPayloads } from "./slashingPhase.ts";

/** What the commit and reveal phases left. */
export interface CommitReveal {
  /** The epoch whose commits were revealed now (epoch − reveal delay; negative: none yet). */
  revealEpoch: number;
  /** The reveal block. */
  reveal: PhaseResult;
  /** What each validator revealed (its committed row, or an equivocator's switched one). */
  revealed: WeightSubmission[];
  /** Commits still waiting for their reveal epoch. */
  waitingCommits: PendingCommit[];
}

/**
 * Step 5: commit this epoch's rows, then reveal in a later block what was committed
 * `revealDelayEpochs` epochs ago (this epoch's own commits when the delay is 0). Each validator
 * reveals what it committed, unless its strategy switches rows (an equivocator).
 */
export async function commitAndReveal(
  ctx: Pick<EpochContext, "population" | "session">,
  epoch: number,
  state: Pick<EpochState, "pendingCommits" | "publicState">,
  submissions: WeightSubmission[],
  rng: Rng,
  recorder: EpochRecorder,
): Promise<CommitReveal> {
  const { session } = ctx;
  recorder.record("commit", await recorder.timed("commit", () => session.commitWeights(epoch, submissions)));
  const revealEpoch = epoch - session.revealDelayEpochs;
  const { due, waiting } = takeDueCommits([...state.pendingCommits, { epoch, submissions }], revealEpoch);
  const revealed = revealPayloads(ctx.population, due, {
    epoch,
    commitEpoch: revealEpoch,
    rng,
    publicState: state.publicState,
  });
  const reveal = await recorder.timed("reveal", () => session.revealWeights(revealEpoch, revealed));
  recorder.record("reveal", reveal);
  return { revealEpoch, reveal, revealed, waitingCommits: waiting };
}
