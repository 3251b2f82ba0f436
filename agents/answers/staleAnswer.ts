import { checkAnswerShape } from "./answerShape.ts";

/**
 * A stale cached answer: the miner's answer from an earlier epoch, replayed for this epoch's
 * queries. Rows are reused in order (cycled when this epoch asks more queries than were cached);
 * with nothing cached yet it falls back to `fallback` (e.g. an honest first answer).
 */
export function staleAnswer(
  cached: Float32Array | undefined,
  nQueries: number,
  outputs: number,
  fallback: Float32Array,
): Float32Array {
  checkAnswerShape(nQueries, outputs);
  const cachedRows = cached === undefined ? 0 : cached.length / outputs;
  if (cached === undefined || cachedRows < 1 || !Number.isInteger(cachedRows)) return fallback.slice();
  const out = new Float32Array(nQueries * outputs);
  for (let q = 0; q < nQueries; q++) {
    const from = (q % cachedRows) * outputs;
    out.set(cached.subarray(from, from + outputs), q * outputs);
  }
  return out;
}
