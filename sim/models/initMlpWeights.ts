import type { Rng } from "../rng/createRng.ts";
import type { MlpWeights } from "./mlpWeights.ts";

function normalArray(rng: Rng, n: number, std: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal() * std;
  return out;
}

/**
 * Initial MLP weights drawn from the run's RNG (not tfjs's unseeded initialisers): He-normal for the
 * ReLU layer, LeCun-normal for the softmax layer, zero biases.
 */
export function initMlpWeights(rng: Rng, inputSize: number, hidden: number, outputs: number): MlpWeights {
  return {
    inputSize,
    hidden,
    outputs,
    w1: normalArray(rng.fork("w1"), inputSize * hidden, Math.sqrt(2 / inputSize)),
    b1: new Float32Array(hidden),
    w2: normalArray(rng.fork("w2"), hidden * outputs, Math.sqrt(1 / hidden)),
    b2: new Float32Array(outputs),
  };
}
