import { computeLiquidAlpha } from "./computeLiquidAlpha.ts";
import type { RowMatrix } from "./prepareWeights.ts";

/** The EMA coefficients of Yuma 3 bonds (§1.2-11b). */
export interface Yuma3EmaOptions {
  /** Liquid alpha switched on (it is used only when some consensus is non-zero). */
  readonly liquidAlpha: boolean;
  /** Fixed EMA coefficient α = 1 − bondsMovingAverage, used without liquid alpha. */
  readonly alpha: number;
  readonly alphaLow: number;
  readonly alphaHigh: number;
  readonly steepness: number;
  /** `sparse`: a bond whose W̃ entry is absent is deleted (chain production); `dense`: decayed. */
  readonly bondsUpdate: "sparse" | "dense";
}

/** The per-bond EMA step of Yuma 3, swappable through `YumaKernels` (typed arrays or gpu.js). */
export type Yuma3BondEma = (
  n: number,
  weightsForBonds: RowMatrix,
  previousBonds: Float64Array,
  consensus: Float64Array,
  options: Yuma3EmaOptions,
  bonds: Float64Array,
) => void;

/**
 * §1.2-11b, the per-bond EMA of Yuma 3 on typed arrays, written into `bonds` (zero-filled, rows × n):
 * B_ij = min(1, (1 − A_ij) B⁰_ij + max(0, A_ij W̃_ij)) with A_ij from liquid alpha when it is on and
 * some consensus is non-zero (sparse update: absent W̃ entries leave B_ij = 0), else the fixed α on
 * every entry.
 */
export function applyYuma3BondEma(
  n: number,
  weightsForBonds: RowMatrix,
  previousBonds: Float64Array,
  consensus: Float64Array,
  options: Yuma3EmaOptions,
  bonds: Float64Array,
): void {
  const w = weightsForBonds.values;
  const present = weightsForBonds.present;
  if (usesLiquidAlpha(n, consensus, options)) {
    const sparse = options.bondsUpdate === "sparse";
    for (let base = 0; base < bonds.length; base += n) {
      for (let j = 0; j < n; j++) {
        const k = base + j;
        if (sparse && present[k] === 0) continue;
        const old = previousBonds[k];
        if (old === 0 && w[k] === 0) continue; // A · 0 + (1 − A) · 0
        const a = computeLiquidAlpha(
          consensus[j],
          w[k],
          old,
          options.alphaLow,
          options.alphaHigh,
          options.steepness,
        );
        bonds[k] = Math.min(1, (1 - a) * old + Math.max(0, a * w[k]));
      }
    }
  } else {
    const a = options.alpha;
    for (let k = 0; k < bonds.length; k++) bonds[k] = a * w[k] + (1 - a) * previousBonds[k];
  }
}

/** Liquid alpha applies when it is switched on and some consensus is non-zero. */
export function usesLiquidAlpha(n: number, consensus: Float64Array, options: Yuma3EmaOptions): boolean {
  if (!options.liquidAlpha) return false;
  for (let j = 0; j < n; j++) if (consensus[j] !== 0) return true;
  return false;
}
