import { fromInt, max, mul, round, safeDiv, toU16 } from "./i32f32.ts";

/**
 * The chain's `vec_u16_max_upscale_to_u16`, applied by `set_weights` before storing a row: scale
 * so the largest weight is 65535, rounding half away from zero, in I32F32. An all-zero row stays
 * zero. Pure integers in, integers out, so both arithmetic modes store the same row.
 */
export function maxUpscaleWeights(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const u16Max = fromInt(65535);
  const threshold = fromInt(32768);
  const fixed = values.map((v) => fromInt(v));
  const top = fixed.reduce(max);
  if (top === 0n) return fixed.map((e) => toU16(mul(e, u16Max)));
  if (top > threshold) return fixed.map((e) => toU16(round(mul(e, safeDiv(u16Max, top)))));
  return fixed.map((e) => toU16(round(safeDiv(mul(e, u16Max), top))));
}
