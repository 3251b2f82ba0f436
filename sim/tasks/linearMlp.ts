import type { MlpWeights } from "../models/mlpWeights.ts";
import { createGaussianStream } from "../rng/seededGaussian.ts";
import type { LinearModel } from "./fitLeastSquares.ts";

/**
 * A linear model as an exact d-2-1 ReLU MLP with a linear output, so regression miners run through
 * the same batched inference adapter as classifiers: relu(x·β) − relu(−x·β) + intercept = x·β +
 * intercept for every x (output the adapter's `linear` activation).
 */
export function linearToMlp(model: LinearModel): MlpWeights {
  const d = model.coefficients.length;
  const w1 = new Float32Array(d * 2);
  for (let i = 0; i < d; i++) {
    w1[i * 2] = model.coefficients[i];
    w1[i * 2 + 1] = -model.coefficients[i];
  }
  return {
    inputSize: d,
    hidden: 2,
    outputs: 1,
    w1,
    b1: new Float32Array(2),
    w2: Float32Array.of(1, -1),
    b2: Float32Array.of(model.intercept),
  };
}

/** The model's prediction for each row of x [n × d], in float64. */
export function predictLinear(model: LinearModel, x: ArrayLike<number>, n: number): Float64Array {
  const d = model.coefficients.length;
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let sum = model.intercept;
    for (let j = 0; j < d; j++) sum += x[r * d + j] * model.coefficients[j];
    out[r] = sum;
  }
  return out;
}

/**
 * A miner's copy of a tier's linear model with seeded Gaussian noise on every parameter, of standard
 * deviation `scale` × the RMS of the tier's coefficients (the same meaning as `perturbWeights`).
 */
export function perturbLinear(base: LinearModel, noiseSeed: number, scale: number): LinearModel {
  const d = base.coefficients.length;
  let sum = 0;
  for (const c of base.coefficients) sum += c * c;
  const std = scale * Math.sqrt(sum / Math.max(1, d));
  const noise = new Float32Array(d + 1);
  if (std > 0) createGaussianStream(noiseSeed).fill(noise, std);
  return {
    coefficients: Float64Array.from(base.coefficients, (c, i) => c + noise[i]),
    intercept: base.intercept + noise[d],
  };
}
