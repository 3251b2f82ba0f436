import { countCorrectRows } from "./measureAccuracy.ts";
import { type OutputActivation, type PackedChunk, queryTensor, runChunkInto } from "./packedMinerChunks.ts";

/**
 * Correct argmax answers of every miner in `chunks` on a labelled set x [labels.length × inputSize],
 * in passes of `rowsPerPass` rows (as `measureAdapterAccuracy`, so the GEMMs and the counts are the
 * same). Only one chunk's [miners × rows × classes] answers exist at a time. Returns each miner's
 * position in the adapter's order and its count. Leaves no tensor behind.
 */
export function chunkAccuracy(
  chunks: readonly PackedChunk[],
  x: Float32Array,
  labels: Uint8Array,
  rowsPerPass: number,
  output: OutputActivation,
): { indices: number[]; correct: number[] } {
  const n = labels.length;
  const inputSize = n === 0 ? 0 : x.length / n;
  const correct = chunks.map((chunk) => new Array<number>(chunk.count).fill(0));
  // Each chunk writes its miners at local positions 0 … count − 1 of a reused buffer.
  const local = chunks.map((chunk) => ({
    ...chunk,
    order: Array.from({ length: chunk.count }, (_, m) => m),
  }));
  let buffer = new Float32Array(0);
  for (let start = 0; start < n; start += rowsPerPass) {
    const rows = Math.min(rowsPerPass, n - start);
    const xt = queryTensor(x.subarray(start * inputSize, (start + rows) * inputSize), rows, inputSize);
    try {
      local.forEach((chunk, c) => {
        const classes = chunk.b2.shape[2];
        const per = rows * classes;
        if (buffer.length < chunk.count * per) buffer = new Float32Array(chunk.count * per);
        const out = buffer.subarray(0, chunk.count * per);
        runChunkInto(chunk, xt, out, output);
        for (let m = 0; m < chunk.count; m++) {
          correct[c][m] += countCorrectRows(
            out.subarray(m * per, (m + 1) * per),
            rows,
            classes,
            labels,
            start,
          );
        }
      });
    } finally {
      xt.dispose();
    }
  }
  return { indices: chunks.flatMap((chunk) => chunk.order), correct: correct.flat() };
}
