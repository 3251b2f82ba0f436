import { checkPoolIndices } from "./checkPoolIndices.ts";

/** Rows `indices` of a pool of `poolSize` rows stored row-major, `width` values a row, as one
 * [indices.length × width] array; indices are checked against the pool first. */
export function poolRows(
  pool: Float32Array,
  width: number,
  indices: readonly number[],
  poolSize: number,
): Float32Array {
  checkPoolIndices(indices, poolSize);
  const x = new Float32Array(indices.length * width);
  indices.forEach((q, row) => {
    x.set(pool.subarray(q * width, (q + 1) * width), row * width);
  });
  return x;
}
