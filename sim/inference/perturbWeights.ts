import { type MlpWeights, mlpParts } from "./mlpWeights.ts";
import { createGaussianStream } from "./seededGaussian.ts";

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
 * A copy of `base` plus Gaussian noise from the seeded stream `noiseSeed` (take it from the run's
 * RNG: `rng.fork(label).seed`); each array's noise has standard deviation `scale` × that array's
 * root-mean-square, so one scale means the same for every layer and tier (0.1: a 10% perturbation).
 * Scale 0 gives an exact copy. Pure: the same (base, seed, scale) gives the same weights in any thread.
 */
export function perturbWeights(base: MlpWeights, noiseSeed: number, scale: number): MlpWeights {
  const noise = createGaussianStream(noiseSeed);
  const scales = rmsOf(base);
  const [w1, b1, w2, b2] = mlpParts(base).map((part, i) => {
    const copy = Float32Array.from(part);
    const std = scale * scales[i];
    if (std > 0) noise.addTo(copy, std);
    return copy;
  });
  return { inputSize: base.inputSize, hidden: base.hidden, outputs: base.outputs, w1, b1, w2, b2 };
}
