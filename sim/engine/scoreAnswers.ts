/**
 * Scores every miner's answers per validator. Answers are [queries × outputs] per miner over all
 * validators' batches concatenated (`queryCounts[v]` rows each, in validator order); `truth` holds
 * one value per query row; a validator with no queries scores NaN. `score` and `loss` are the
 * task's (higher score, lower loss is better).
 */
export function scoreAnswers(
  answers: readonly Float32Array[],
  truth: Float32Array,
  queryCounts: readonly number[],
  outputs: number,
  task: {
    score(answers: Float32Array, truth: Float32Array): number;
    loss(answers: Float32Array, truth: Float32Array): number;
  },
): { scores: Float64Array[]; losses: Float64Array } {
  const scores = queryCounts.map(() => new Float64Array(answers.length));
  const losses = new Float64Array(answers.length);
  answers.forEach((a, m) => {
    let row = 0;
    queryCounts.forEach((count, v) => {
      scores[v][m] =
        count > 0
          ? task.score(a.subarray(row * outputs, (row + count) * outputs), truth.subarray(row, row + count))
          : Number.NaN; // a validator that sent no queries has no score for anyone
      row += count;
    });
    losses[m] = row > 0 ? task.loss(a.subarray(0, row * outputs), truth.subarray(0, row)) : Number.NaN;
  });
  return { scores, losses };
}

/** A validator's score of a miner it did not query is NaN, not the 0 of an empty slice. */
export function maskUnqueried(scores: Float64Array[], subsets: readonly (number[] | null)[]): void {
  subsets.forEach((subset, v) => {
    if (subset === null) return;
    const queried = new Set(subset);
    for (let m = 0; m < scores[v].length; m++) if (!queried.has(m)) scores[v][m] = Number.NaN;
  });
}
