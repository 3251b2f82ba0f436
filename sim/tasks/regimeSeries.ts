import { createGaussianStream } from "../rng/seededGaussian.ts";

/** A mean-reverting process whose level and volatility switch between regimes. */
export interface RegimeSeriesParams {
  /** Long-run level of each regime. */
  means: readonly number[];
  /** Innovation standard deviation of each regime. */
  vols: readonly number[];
  /** Pull towards the regime's level per step, in (0, 1): x' = μ + φ(x − μ) + σε. */
  phi: number;
  /** Probability per step of switching to another regime (chosen uniformly). */
  switchProb: number;
}

export const DEFAULT_REGIME_PARAMS: RegimeSeriesParams = {
  means: [-1, 0, 1.5],
  vols: [0.2, 0.35, 0.6],
  phi: 0.9,
  switchProb: 0.03,
};

/**
 * `length` steps of the regime-switching mean-reverting series of one seed (deterministic): starts at
 * a random regime's level, then x[t+1] = μ[r] + φ(x[t] − μ[r]) + σ[r]·ε with ε ~ N(0, 1), the regime
 * r switching with probability `switchProb` per step.
 */
export function generateRegimeSeries(
  seed: number,
  length: number,
  params: RegimeSeriesParams = DEFAULT_REGIME_PARAMS,
): { values: Float64Array; regimes: Uint8Array } {
  const k = params.means.length;
  const eps = new Float32Array(length);
  const stream = createGaussianStream(seed);
  stream.fill(eps, 1);
  const uniform = () => stream.nextUint32() / 2 ** 32;
  const values = new Float64Array(length);
  const regimes = new Uint8Array(length);
  let r = Math.floor(uniform() * k);
  let x = params.means[r];
  for (let t = 0; t < length; t++) {
    if (t > 0 && uniform() < params.switchProb) r = (r + 1 + Math.floor(uniform() * (k - 1))) % k;
    x = params.means[r] + params.phi * (x - params.means[r]) + params.vols[r] * eps[t];
    values[t] = x;
    regimes[t] = r;
  }
  return { values, regimes };
}

/** The mean innovation variance over regimes (each regime equally likely in the long run). */
export function meanInnovationVariance(params: RegimeSeriesParams = DEFAULT_REGIME_PARAMS): number {
  return params.vols.reduce((sum, v) => sum + v * v, 0) / params.vols.length;
}

/**
 * Lagged windows of a series: row i holds values[t − lags + 1 … t] (oldest first) for t = first + i,
 * and target i is values[t + 1]. For `count` rows.
 */
export function laggedRows(
  values: Float64Array,
  lags: number,
  first: number,
  count: number,
): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(count * lags);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const t = first + i;
    for (let j = 0; j < lags; j++) x[i * lags + j] = values[t - lags + 1 + j];
    y[i] = values[t + 1];
  }
  return { x, y };
}
