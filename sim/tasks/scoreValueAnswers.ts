import { CrucibleError } from "../errors/CrucibleError.ts";

/** Mean squared error of answers [n] against truth [n] (float64). */
export function meanSquaredError(answers: ArrayLike<number>, truth: ArrayLike<number>): number {
  const n = truth.length;
  if (answers.length !== n)
    throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", `${answers.length} answers for ${n} truths`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = answers[i] - truth[i];
    sum += e * e;
  }
  return n === 0 ? Number.NaN : sum / n;
}

/**
 * Score in (0, 1] from a mean squared error: `reference / (reference + mse)`, where `reference` is
 * the task's irreducible noise variance. The Bayes-optimal predictor scores ~0.5, a perfect one 1, and
 * the score falls smoothly towards 0 as the error grows; a non-finite answer scores 0.
 */
export function scoreFromMse(mse: number, reference: number): number {
  if (!Number.isFinite(mse)) return 0;
  return reference / (reference + mse);
}
