/**
 * Scores miners' answers against the labels, per validator: the fraction of that validator's queries
 * a miner classified correctly (argmax of its answer). Answers are [miners × queries × classes]; the
 * queries are all validators' batches concatenated, `queryCounts[v]` rows each, in validator order.
 */
export function scoreAnswers(
  answers: readonly Float32Array[],
  labels: ArrayLike<number>,
  queryCounts: readonly number[],
  classes: number,
): Float64Array[] {
  const scores = queryCounts.map(() => new Float64Array(answers.length));
  for (let m = 0; m < answers.length; m++) {
    const a = answers[m];
    let row = 0;
    for (let v = 0; v < queryCounts.length; v++) {
      let correct = 0;
      for (let k = 0; k < queryCounts[v]; k++, row++) {
        if (argmax(a, row * classes, classes) === labels[row]) correct++;
      }
      scores[v][m] = queryCounts[v] > 0 ? correct / queryCounts[v] : 0;
    }
  }
  return scores;
}

function argmax(a: Float32Array, offset: number, length: number): number {
  let best = 0;
  for (let c = 1; c < length; c++) if (a[offset + c] > a[offset + best]) best = c;
  return best;
}
