import { type Fixed, FRAC_BITS, fromInt, ONE, ZERO } from "./i32f32.ts";

const MAX: Fixed = (1n << 63n) - 1n;
const MIN: Fixed = -(1n << 63n);
/** substrate-fixed's `E` constant is I9F23: floor(e · 2^23) = 22802600, widened to I32F32. */
const E_I9F23: Fixed = 22_802_600n << (FRAC_BITS - 23n);

const checked = (x: bigint): bigint | undefined => (x > MAX || x < MIN ? undefined : x);

/**
 * substrate-fixed `transcendental::exp` for I32F32: the Taylor series 1 + x + Σ_{i=2}^{31} x^i / i!
 * with each term truncated as the fixed type truncates, and 1 / exp(|x|) for negative x. Returns
 * undefined where the library returns `Err` (overflow).
 */
export function fixedExp(x: Fixed): Fixed | undefined {
  if (x === ZERO) return ONE;
  if (x === ONE) return E_I9F23;
  const negative = x < 0n;
  const operand = negative ? -x : x;
  let result = checked(operand + ONE);
  let term: Fixed | undefined = operand;
  for (let i = 2n; i < FRAC_BITS; i++) {
    if (result === undefined || term === undefined) return undefined;
    term = checked((term * operand) >> FRAC_BITS);
    if (term === undefined) return undefined;
    term = checked((term << FRAC_BITS) / fromInt(i));
    if (term === undefined) return undefined;
    result = checked(result + term);
  }
  if (result === undefined) return undefined;
  if (negative) return result === 0n ? undefined : checked((ONE << FRAC_BITS) / result);
  return result;
}

/** The chain's `exp_safe`: input clamped to [−20, 20]; on error 0 (x ≤ 0) or the maximum. */
export function fixedExpSafe(x: Fixed): Fixed {
  const lo = fromInt(-20);
  const hi = fromInt(20);
  const safe = x < lo ? lo : x > hi ? hi : x;
  return fixedExp(safe) ?? (safe <= 0n ? ZERO : MAX);
}
