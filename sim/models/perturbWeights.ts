import { createGaussianStream } from "../rng/seededGaussian.ts";
import { type MlpWeights, mlpParts } from "./mlpWeights.ts";

function rms(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v * v;
  return values.length === 0 ? 0 : Math.sqrt(sum / values.length);
}

/** Each base's per-array RMS, computed once (a base is shared by thousands of miners). */
const baseRms = new WeakMap<MlpWeights, number[]>();

function rmsOf(base: MlpWeights): number[] {
  let values = baseRms.get(base);
  if (values === undefined) {
    values = mlpParts(base).map(rms);
    baseRms.set(base, values);
  }
  return values;
}

/**
 * Writes `base` plus Gaussian noise from the seeded stream `noiseSeed` into `target` (same shapes; may
 * be reused from miner to miner, so building thousands of miners touches no fresh memory). Each
 * array's noise has standard deviation `scale` × that array's root-mean-square. Returns `target`.
 */
export function perturbWeightsInto(
  base: MlpWeights,
  noiseSeed: number,
  scale: number,
  target: MlpWeights,
): MlpWeights {
  const noise = createGaussianStream(noiseSeed);
  const scales = rmsOf(base);
  const sources = mlpParts(base);
  mlpParts(target).forEach((part, i) => {
    part.set(sources[i]);
    const std = scale * scales[i];
    if (std > 0) noise.addTo(part, std);
  });
  return target;
}

/** An MLP of the same shape as `weights`, all zeros (a scratch target for `perturbWeightsInto`). */
export function emptyLike(weights: MlpWeights): MlpWeights {
  const [w1, b1, w2, b2] = mlpParts(weights).map((part) => new Float32Array(part.length));
  return { inputSize: weights.inputSize, hidden: weights.hidden, outputs: weights.outputs, w1, b1, w2, b2 };
}

/**
 * A copy of `base` plus Gaussian noise from the seeded stream `noiseSeed` (take it from the run's
 * RNG: `rng.fork(label).seed`); each array's noise has standard deviation `scale` × that array's
 * root-mean-square, so one scale means the same for every layer and tier (0.1: a 10% perturbation).
 * Scale 0 gives an exact copy. Pure: the same (base, seed, scale) gives the same weights in any thread.
 */
export function perturbWeights(base: MlpWeights, noiseSeed: number, scale: number): MlpWeights {
  return perturbWeightsInto(base, noiseSeed, scale, emptyLike(base));
}
