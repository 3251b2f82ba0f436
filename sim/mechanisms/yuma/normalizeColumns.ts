/** Divides each column of a (rows × n) matrix by its sum, where the sum is non-zero. In place. */
export function normalizeColumns(n: number, m: Float64Array): Float64Array {
  const sums = new Float64Array(n);
  for (let base = 0; base < m.length; base += n) for (let j = 0; j < n; j++) sums[j] += m[base + j];
  for (let base = 0; base < m.length; base += n) {
    for (let j = 0; j < n; j++) if (sums[j] !== 0) m[base + j] /= sums[j];
  }
  return m;
}
