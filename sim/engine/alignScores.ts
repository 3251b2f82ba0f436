import type { AnsweredBatch } from "./answerQueries.ts";
import type { Population } from "./buildPopulation.ts";

export interface Scored {
  /** Per validator (in the epoch's order) each miner's score (in the epoch's miner order). */
  scores: Float64Array[];
  losses: Float64Array;
}

/**
 * Re-indexes a batch's scores (in the order of the epoch that answered it) into the order of the
 * epoch that scores it, when UIDs changed hands in between (tasks whose truth arrives later): a
 * validator that was not there scores NaN for everyone; a miner that was not there, or whose UID
 * changed, is scored NaN (unqueried) and has no loss. Returns `scored` itself when nothing moved.
 */
export function alignScores(scored: Scored, batch: AnsweredBatch, now: Population): Scored {
  const same =
    sameList(
      batch.validatorSlots,
      now.validators.map((v) => v.slot),
    ) &&
    sameList(
      batch.minerSlots,
      now.miners.map((m) => m.slot),
    ) &&
    sameList(
      batch.minerUids,
      now.miners.map((m) => m.uid),
    );
  if (same) return scored;
  const minerAt = new Map(batch.minerSlots.map((slot, i) => [slot, i]));
  const validatorAt = new Map(batch.validatorSlots.map((slot, k) => [slot, k]));
  const from = now.miners.map((m) => {
    const i = minerAt.get(m.slot);
    return i !== undefined && batch.minerUids[i] === m.uid ? i : -1;
  });
  const scores = now.validators.map((v) => {
    const k = validatorAt.get(v.slot);
    return Float64Array.from(from, (i) => (k === undefined || i < 0 ? Number.NaN : scored.scores[k][i]));
  });
  const losses = Float64Array.from(from, (i) => (i < 0 ? Number.NaN : scored.losses[i]));
  return { scores, losses };
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
