import { drawSalt } from "../protocol/drawSalt.ts";
import type { WeightSubmission } from "../protocol/protocolSession.ts";
import type { Rng } from "../rng/createRng.ts";
import { alignScores, type Scored } from "./alignScores.ts";
import type { AnsweredBatch } from "./answerQueries.ts";
import type { EpochContext } from "./epochContext.ts";
import type { EpochState } from "./epochState.ts";
import { operatorTeams } from "./operatorTeams.ts";
import { maskUnqueried, scoreAnswers } from "./scoreAnswers.ts";

/** What validators concluded this epoch. */
export interface EpochWeighing {
  /** Scores and losses of the batch whose truth arrived now, in this epoch's order; null: none did. */
  scored: Scored | null;
  /** Each validator's weight row with its salt (validators that set none are absent). */
  submissions: WeightSubmission[];
  /** Batches still waiting for their truth. */
  stillPending: AnsweredBatch[];
}

/**
 * Step 4, scoring: validators score the latest batch whose truth is known now (with a truth delay,
 * an earlier epoch's), aligned to this epoch's UIDs, and each decides its weight row.
 */
export function weighScoredBatch(
  ctx: Pick<EpochContext, "population" | "task" | "addressOf">,
  epoch: number,
  state: Pick<EpochState, "pending" | "publicState">,
  answered: AnsweredBatch,
  rng: Rng,
): EpochWeighing {
  const { population, task } = ctx;
  const pending = [...state.pending, answered];
  const due = pending.filter((b) => b.epoch + task.truthDelay <= epoch);
  const stillPending = pending.filter((b) => b.epoch + task.truthDelay > epoch);
  const scoredBatch = due.at(-1);
  let scored: Scored | null = null;
  if (scoredBatch !== undefined) {
    const batchScored = scoreAnswers(
      scoredBatch.answers,
      task.truth(scoredBatch.epoch, scoredBatch.indices, epoch),
      scoredBatch.queryCounts,
      task.outputs,
      task,
    );
    maskUnqueried(batchScored.scores, scoredBatch.minerSubsets);
    // In this epoch's order: UIDs may have changed hands since the batch was answered.
    scored = alignScores(batchScored, scoredBatch, population);
  }
  const minerUids = population.miners.map((m) => m.uid);
  const submissions: WeightSubmission[] = [];
  const teams = operatorTeams(population);
  population.validators.forEach((v, k) => {
    const vector = v.strategy.weigh({
      epoch,
      rng: rng.fork(v.agent),
      scores: scored === null ? null : scored.scores[k],
      minerUids,
      publicState: state.publicState,
      team: teams.validator(v),
    });
    if (vector === null) return;
    submissions.push({
      agent: v.agent,
      address: ctx.addressOf[v.uid],
      ...vector,
      salt: drawSalt(rng.fork(`salt-${v.agent}`)),
    });
  });
  return { scored, submissions, stillPending };
}
