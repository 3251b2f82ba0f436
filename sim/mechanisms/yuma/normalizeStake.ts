/**
 * §1.2-2: stake below the threshold (compared after flooring, as the chain compares rao) counts as
 * zero, except the subnet owner's; the rest is normalised to sum to 1 (left at 0 if all is 0).
 */
export function normalizeStake(stake: Float64Array, threshold: number, ownerUid?: number): Float64Array {
  const out = new Float64Array(stake.length);
  let sum = 0;
  for (let i = 0; i < stake.length; i++) {
    const s = i !== ownerUid && Math.floor(stake[i]) < threshold ? 0 : stake[i];
    out[i] = s;
    sum += s;
  }
  return normalizeInPlace(out, sum);
}

/** Divides every entry by `sum` unless the sum is zero (the chain's `inplace_normalize`). */
export function normalizeInPlace(x: Float64Array, sum = sumOf(x)): Float64Array {
  if (sum !== 0) for (let i = 0; i < x.length; i++) x[i] /= sum;
  return x;
}

export function sumOf(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}
