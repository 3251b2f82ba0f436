/**
 * substrate-fixed `I32F32` (signed 64-bit, 32 fractional bits) on BigInt raw bits, with the
 * rounding the chain gets (reference/mechanisms.md §1.10-1, substrate-fixed `arith.rs`):
 * multiplication = (a · b) >> 32 (floor), division = trunc((a << 32) / b), addition exact.
 * `safeDiv` is safe-math's `checked_div().unwrap_or_default()`: 0 on division by zero or overflow.
 */
export type Fixed = bigint;

export const FRAC_BITS = 32n;
export const ONE: Fixed = 1n << FRAC_BITS;
export const ZERO: Fixed = 0n;
const MAX: Fixed = (1n << 63n) - 1n;
const MIN: Fixed = -(1n << 63n);
const U16_MAX: Fixed = 65535n << FRAC_BITS;

const saturate = (x: bigint): Fixed => (x > MAX ? MAX : x < MIN ? MIN : x);
const inRange = (x: bigint): boolean => x <= MAX && x >= MIN;

export const fromInt = (x: number | bigint): Fixed => saturate(BigInt(x) << FRAC_BITS);

/** `saturating_mul`. */
export const mul = (a: Fixed, b: Fixed): Fixed => saturate((a * b) >> FRAC_BITS);

/** `checked_mul().unwrap_or_default()` (used by `vec_mul`). */
export const checkedMulOrZero = (a: Fixed, b: Fixed): Fixed => {
  const p = (a * b) >> FRAC_BITS;
  return inRange(p) ? p : ZERO;
};

/** `safe_div`: 0 when dividing by zero or on overflow. */
export const safeDiv = (a: Fixed, b: Fixed): Fixed => {
  if (b === 0n) return ZERO;
  const q = (a << FRAC_BITS) / b;
  return inRange(q) ? q : ZERO;
};

/** `saturating_div` (callers never divide by zero). */
export const saturatingDiv = (a: Fixed, b: Fixed): Fixed => saturate((a << FRAC_BITS) / b);

export const add = (a: Fixed, b: Fixed): Fixed => saturate(a + b);
export const sub = (a: Fixed, b: Fixed): Fixed => saturate(a - b);
export const min = (a: Fixed, b: Fixed): Fixed => (a < b ? a : b);
export const max = (a: Fixed, b: Fixed): Fixed => (a > b ? a : b);
export const clamp = (x: Fixed, lo: Fixed, hi: Fixed): Fixed => max(min(x, hi), lo);

/** `saturating_to_num::<u16>()`: floor, clamped to [0, 65535]. */
export const toU16 = (x: Fixed): number => {
  const i = x >> FRAC_BITS;
  return i < 0n ? 0 : i > 65535n ? 65535 : Number(i);
};

/** `u16_proportion_to_fixed`: x / 65535. */
export const u16Proportion = (x: number): Fixed => safeDiv(fromInt(x), U16_MAX);

/** `fixed_proportion_to_u16`: floor(x · 65535), clamped. */
export const proportionToU16 = (x: Fixed): number => toU16(mul(x, U16_MAX));

/** Exact value as a float64 (exact for |x| < 2^21). */
export const toNumber = (x: Fixed): number => Number(x) / 2 ** 32;

/** `round()`: half away from zero (to an integer, still I32F32). */
export const round = (x: Fixed): Fixed => {
  const half = ONE >> 1n;
  if (x >= 0n) return ((x + half) >> FRAC_BITS) << FRAC_BITS;
  return -(((-x + half) >> FRAC_BITS) << FRAC_BITS);
};

export const sum = (xs: readonly Fixed[]): Fixed => xs.reduce((a, b) => a + b, ZERO);

/** `inplace_normalize`: divide by the sum unless it is zero. */
export const normalize = (xs: Fixed[]): Fixed[] => {
  const s = sum(xs);
  if (s === 0n) return xs;
  for (let i = 0; i < xs.length; i++) xs[i] = safeDiv(xs[i], s);
  return xs;
};
