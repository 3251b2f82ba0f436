import type { Rng } from "../rng/createRng.ts";
import { type MlpWeights, mlpParts } from "./mlpWeights.ts";

function rms(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v * v;
  return values.length === 0 ? 0 : Math.sqrt(sum / values.length);
}

/** Adds N(0, std²) noise to every value, two normals per Box-Muller draw (twice as fast as rng.normal). */
function addGaussian(values: Float32Array, rng: Rng, std: number): void {
  for (let i = 0; i < values.length; i += 2) {
    const radius = std * Math.sqrt(-2 * Math.log(1 - rng.float()));
    const angle = 2 * Math.PI * rng.float();
    values[i] += radius * Math.cos(angle);
    if (i + 1 < values.length) values[i + 1] += radius * Math.sin(angle);
  }
}

/**
 * A copy of `base` plus Gaussian noise drawn from `rng`; each array's noise has standard deviation
 * `scale` × that array's root-mean-square, so one scale means the same for every layer and tier
 * (0.1: a 10% perturbation). Scale 0 gives an exact copy.
 */
export function perturbWeights(base: MlpWeights, rng: Rng, scale: number): MlpWeights {
  const [w1, b1, w2, b2] = mlpParts(base).map((part) => {
    const copy = Float32Array.from(part);
    const std = scale * rms(part);
    if (std > 0) addGaussian(copy, rng, std);
    return copy;
  });
  return { inputSize: base.inputSize, hidden: base.hidden, outputs: base.outputs, w1, b1, w2, b2 };
}
