import { mean, quantile } from "simple-statistics";
import { CrucibleError } from "../../sim/errors/CrucibleError.ts";
import type { Rng } from "../../sim/rng/createRng.ts";

export interface BootstrapOptions {
  /** Resamples drawn (default 2000). */
  resamples?: number;
  /** Two-sided confidence level (default 0.95). */
  confidence?: number;
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
  /** Samples the estimate rests on (per side for a difference). */
  n: number;
}

function resampledMean(values: readonly number[], rng: Rng): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[rng.int(0, values.length - 1)];
  return s / values.length;
}

function percentiles(draws: number[], confidence: number): [number, number] {
  const alpha = (1 - confidence) / 2;
  return [quantile(draws, alpha), quantile(draws, 1 - alpha)];
}

function check(values: readonly number[], options: BootstrapOptions) {
  if (values.length === 0)
    throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", "bootstrap: needs at least one value");
  if (values.some((v) => !Number.isFinite(v)))
    throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", "bootstrap: values must be finite");
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1))
    throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", `bootstrap: confidence ${confidence}`);
  return { resamples: options.resamples ?? 2000, confidence };
}

/**
 * Percentile-bootstrap confidence interval of the mean of `values` (e.g. one metric over seeds),
 * drawing with the given seeded RNG. One value gives a zero-width interval.
 */
export function bootstrapMeanCi(
  values: readonly number[],
  rng: Rng,
  options: BootstrapOptions = {},
): Interval {
  const { resamples, confidence } = check(values, options);
  const estimate = mean([...values]);
  if (values.length === 1) return { estimate, low: estimate, high: estimate, n: 1 };
  const draws = Array.from({ length: resamples }, () => resampledMean(values, rng));
  const [low, high] = percentiles(draws, confidence);
  return { estimate, low, high, n: values.length };
}

/**
 * Percentile-bootstrap confidence interval of mean(b) − mean(a), resampling each side on its own
 * (independent seed sets). `n` is the smaller side.
 */
export function bootstrapMeanDifferenceCi(
  a: readonly number[],
  b: readonly number[],
  rng: Rng,
  options: BootstrapOptions = {},
): Interval {
  const { resamples, confidence } = check(a, options);
  check(b, options);
  const estimate = mean([...b]) - mean([...a]);
  const n = Math.min(a.length, b.length);
  if (a.length === 1 && b.length === 1) return { estimate, low: estimate, high: estimate, n };
  const draws = Array.from({ length: resamples }, () => resampledMean(b, rng) - resampledMean(a, rng));
  const [low, high] = percentiles(draws, confidence);
  return { estimate, low, high, n };
}

/**
 * Paired percentile-bootstrap interval of mean(b − a) over pairs (run B and run A of the same seed):
 * resamples whole pairs, so what the seed shares between the sides (the population's draws, the
 * queries) cancels. `n` is the number of pairs.
 */
export function bootstrapPairedDifferenceCi(
  pairs: readonly (readonly [number, number])[],
  rng: Rng,
  options: BootstrapOptions = {},
): Interval {
  return bootstrapMeanCi(
    pairs.map(([a, b]) => b - a),
    rng,
    options,
  );
}
