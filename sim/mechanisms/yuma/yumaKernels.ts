import { applyClassicBondEma, type ClassicBondEma } from "./applyClassicBondEma.ts";
import { applyYuma3BondEma, type Yuma3BondEma } from "./applyYuma3BondEma.ts";
import { clipWeights } from "./clipWeights.ts";
import { computeConsensus } from "./computeConsensus.ts";

/**
 * The heavy array steps of a Yuma epoch, swappable as a set: `runYumaEpoch` takes one as its last
 * argument. The default is the typed-array (float64) implementation; `sim/mechanisms/kernels/`
 * builds sets whose steps run as gpu.js kernels (float32) and documents which one is faster.
 */
export interface YumaKernels {
  /** §1.2-6, the stake-weighted κ-median per column. */
  readonly consensus: typeof computeConsensus;
  /** §1.2-7, clipping at consensus. */
  readonly clip: typeof clipWeights;
  /** §1.2-11b, the per-bond EMA of Yuma 3 (liquid alpha or fixed α). */
  readonly yuma3BondEma: Yuma3BondEma;
  /** §1.2-11a, the EMA of classic bonds. */
  readonly classicBondEma: ClassicBondEma;
}

export const TYPED_ARRAY_KERNELS: YumaKernels = {
  consensus: computeConsensus,
  clip: clipWeights,
  yuma3BondEma: applyYuma3BondEma,
  classicBondEma: applyClassicBondEma,
};
