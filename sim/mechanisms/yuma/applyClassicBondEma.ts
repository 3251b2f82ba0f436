/** The EMA step of classic bonds, swappable through `YumaKernels` (typed arrays or gpu.js). */
export type ClassicBondEma = (
  delta: Float64Array,
  previousBonds: Float64Array,
  alpha: number,
  bonds: Float64Array,
) => void;

/** §1.2-11a on typed arrays: B = α ΔB + (1 − α) B⁰ element-wise, written into `bonds`. */
export function applyClassicBondEma(
  delta: Float64Array,
  previousBonds: Float64Array,
  alpha: number,
  bonds: Float64Array,
): void {
  for (let k = 0; k < bonds.length; k++) bonds[k] = alpha * delta[k] + (1 - alpha) * previousBonds[k];
}
