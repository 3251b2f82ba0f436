import type { Fixed } from "./i32f32.ts";

/**
 * §1.2-2 in the chain's types: stake as I64F64 (64 fractional bits), the threshold compared on the
 * floored value (owner exempt), normalised in I64F64 (truncating division) and then truncated to
 * I32F32. Stake given as a float is taken at its exact binary value.
 */
export function fixedNormalizeStake(stake: Float64Array, threshold: number, ownerUid?: number): Fixed[] {
  const wide = Array.from(stake, (s, i) => {
    const bits = toI64F64(s);
    return i !== ownerUid && Number(bits >> 64n) < threshold ? 0n : bits;
  });
  const total = wide.reduce((a, b) => a + b, 0n);
  if (total === 0n) return wide.map((x) => x >> 32n);
  return wide.map((x) => ((x << 64n) / total) >> 32n);
}

function toI64F64(x: number): bigint {
  if (Number.isInteger(x)) return BigInt(x) << 64n;
  return BigInt(Math.floor(x * 2 ** 64));
}
