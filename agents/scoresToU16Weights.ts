/** Max-normalises scores to u16 weights (the best gets 65535); all-zero scores give all-zero weights. */
export function scoresToU16Weights(scores: ArrayLike<number>): number[] {
  let max = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] > max) max = scores[i];
  return Array.from(scores, (s) => (max > 0 ? Math.round((Math.max(0, s) / max) * 65535) : 0));
}
