import { fixedExpSafe } from "./fixedExp.ts";
import { add, clamp, type Fixed, fromInt, mul, ONE, saturatingDiv, sub, ZERO } from "./i32f32.ts";

const HALF: Fixed = ONE >> 1n;

/** The chain's `alpha_sigmoid` in I32F32 (see `computeLiquidAlpha` for the formula). */
export function fixedLiquidAlpha(
  consensus: Fixed,
  weight: Fixed,
  bond: Fixed,
  alphaLow: Fixed,
  alphaHigh: Fixed,
  steepnessI16: number,
): Fixed {
  const buy = clamp(sub(weight, consensus), ZERO, ONE);
  const sell = clamp(sub(bond, weight), ZERO, ONE);
  const d = weight >= bond ? buy : sell;
  const slope = saturatingDiv(fromInt(steepnessI16), fromInt(-100));
  const sigmoid = saturatingDiv(ONE, add(ONE, fixedExpSafe(mul(slope, sub(d, HALF)))));
  return clamp(add(alphaLow, mul(sigmoid, sub(alphaHigh, alphaLow))), alphaLow, alphaHigh);
}
