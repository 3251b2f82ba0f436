/**
 * Liquid alpha 2 (`alpha_sigmoid`, reference §1.2-11b): the EMA coefficient of one bond. A bond
 * buys in fast when the weight runs ahead of consensus and sells fast when it falls behind the bond:
 *
 *   d = W̃ ≥ B⁰ ? clamp(W̃ − C, 0, 1) : clamp(B⁰ − W̃, 0, 1)
 *   A = clamp(α_low + sigmoid(steepness · (d − 0.5)) · (α_high − α_low), α_low, α_high)
 *
 * with the exponent clamped to [−20, 20] as the chain's `exp_safe` does. At d = 0 and slope 10,
 * sigmoid = 1 / (1 + e⁵) ≈ 0.00669, so A ≈ α_low.
 */
export function computeLiquidAlpha(
  consensus: number,
  weight: number,
  bond: number,
  alphaLow: number,
  alphaHigh: number,
  steepness: number,
): number {
  const buy = Math.min(1, Math.max(0, weight - consensus));
  const sell = Math.min(1, Math.max(0, bond - weight));
  const d = weight >= bond ? buy : sell;
  const exponent = Math.min(20, Math.max(-20, -steepness * (d - 0.5)));
  const sigmoid = 1 / (1 + Math.exp(exponent));
  const alpha = alphaLow + sigmoid * (alphaHigh - alphaLow);
  return Math.max(alphaLow, Math.min(alphaHigh, alpha));
}
