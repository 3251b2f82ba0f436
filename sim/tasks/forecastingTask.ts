import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Rng } from "../rng/createRng.ts";
import { FORECASTING_HORIZON_EPOCHS } from "../scenario/taskLimits.ts";
import { buildLinearMiners, planLinearMiners } from "./buildLinearMiners.ts";
import { checkPoolIndices } from "./checkPoolIndices.ts";
import { fitLeastSquares, type LinearModel } from "./fitLeastSquares.ts";
import { predictLinear } from "./linearMlp.ts";
import {
  DEFAULT_REGIME_PARAMS,
  generateRegimeSeries,
  laggedRows,
  meanInnovationVariance,
  type RegimeSeriesParams,
} from "./regimeSeries.ts";
import { meanSquaredError, scoreFromMse } from "./scoreValueAnswers.ts";
import type { SubnetTask, TaskMinerSpec } from "./subnetTask.ts";

export interface ForecastingOptions {
  /** Parallel series (the query pool: one query per series per epoch). Default 32. */
  series?: number;
  /** Past values a miner sees (default 8). */
  lags?: number;
  /** Epochs the series are generated for (queries beyond it fail). Default 2,000. */
  horizon?: number;
  params?: RegimeSeriesParams;
}

/** Steps of every series before epoch 0, so the first window is full and the process has settled. */
const WARMUP = 64;

/** Concatenated lagged rows of several seeded series, `steps` targets each. */
function trainingRows(
  rng: Rng,
  label: string,
  count: number,
  steps: number,
  lags: number,
  params: RegimeSeriesParams,
) {
  const x = new Float32Array(count * steps * lags);
  const y = new Float32Array(count * steps);
  for (let s = 0; s < count; s++) {
    const { values } = generateRegimeSeries(rng.fork(`${label}:${s}`).seed, WARMUP + steps + 1, params);
    const rows = laggedRows(values, lags, WARMUP, steps);
    x.set(rows.x, s * steps * lags);
    y.set(rows.y, s * steps);
  }
  return { x, y };
}

/**
 * Allora-style forecasting: `series` seeded mean-reverting series with regime shifts; at epoch e a
 * query for series s shows its last `lags` values up to step e and asks for step e + 1, whose truth
 * arrives one epoch later (`truthDelay` 1). Tiers are autoregressive fits of decreasing data (expert:
 * 8 series × 2,000 steps; average: 40 steps of one series; poor: the mean of 200 steps, no lags;
 * random: untrained negative lag weights); true quality is the MSE on 8 held-out series × 1,000
 * steps (lower is better). Tier means keep this order for seeds 1-30 at 10% miner noise.
 */
export function createForecastingTask(rng: Rng, options: ForecastingOptions = {}): SubnetTask {
  const series = options.series ?? 32;
  const lags = options.lags ?? 8;
  const horizon = options.horizon ?? FORECASTING_HORIZON_EPOCHS;
  const params = options.params ?? DEFAULT_REGIME_PARAMS;
  const valid = [series, lags, horizon].every((n) => Number.isInteger(n) && n >= 1) && lags <= WARMUP;
  if (!valid || params.means.length < 2 || params.means.length !== params.vols.length) {
    throw new CrucibleError("CRUCIBLE_SCENARIO_INVALID", "invalid forecasting options", {
      details: `expected integer series, lags (<= ${WARMUP}) and horizon >= 1, and one vol per regime (2 or more), got ${JSON.stringify(options)}`,
    });
  }
  const paths = Array.from(
    { length: series },
    (_, s) => generateRegimeSeries(rng.fork(`series:${s}`).seed, WARMUP + horizon + 1, params).values,
  );
  const expert = trainingRows(rng, "train:expert", 8, 2000, lags, params);
  const average = trainingRows(rng, "train:average", 1, 40, lags, params);
  const poor = trainingRows(rng, "train:poor", 1, 200, lags, params);
  const randomRng = rng.fork("tier:random");
  const tiers = new Map<string, LinearModel>([
    ["expert", fitLeastSquares(expert.x, expert.y, lags)],
    ["average", fitLeastSquares(average.x, average.y, lags)],
    [
      "poor",
      { coefficients: new Float64Array(lags), intercept: poor.y.reduce((a, b) => a + b, 0) / poor.y.length },
    ],
    // Untrained: random lag weights, drawn negative so the model is reliably worse than the mean
    // (random weights summing near φ would forecast well by luck).
    [
      "random",
      {
        coefficients: Float64Array.from({ length: lags }, () => -Math.abs(randomRng.normal()) * 0.5),
        intercept: 0,
      },
    ],
  ]);
  const heldout = trainingRows(rng, "heldout", 8, 1000, lags, params);
  const heldoutMse = (model: LinearModel) =>
    meanSquaredError(predictLinear(model, heldout.x, heldout.y.length), heldout.y);
  const reference = meanInnovationVariance(params);
  const buildMiners = (specs: readonly TaskMinerSpec[]) =>
    buildLinearMiners(specs, tiers, rng.fork("miners"), heldoutMse);
  const checkEpoch = (epoch: number) => {
    if (!Number.isInteger(epoch) || epoch < 0 || epoch >= horizon) {
      throw new CrucibleError("CRUCIBLE_RUN_FAILED", `epoch ${epoch} is outside the forecasting horizon`, {
        details: `series were generated for epochs 0 to ${horizon - 1}; raise the task's horizon`,
      });
    }
  };
  return {
    kind: "forecasting",
    inputSize: lags,
    outputs: 1,
    output: "linear",
    quality: { metric: "mse", higherIsBetter: false, toScore: (mse) => scoreFromMse(mse, reference) },
    poolSize: series,
    truthDelay: 1,
    hiddenWidth: () => 2, // linearToMlp: every tier is a lags-2-1 MLP
    queries(epoch, indices) {
      checkEpoch(epoch);
      checkPoolIndices(indices, series);
      const x = new Float32Array(indices.length * lags);
      indices.forEach((s, row) => {
        x.set(laggedRows(paths[s], lags, WARMUP + epoch, 1).x, row * lags);
      });
      return x;
    },
    truth(askedEpoch, indices, nowEpoch) {
      checkEpoch(askedEpoch);
      checkPoolIndices(indices, series);
      if (!(nowEpoch >= askedEpoch + 1)) {
        throw new CrucibleError("CRUCIBLE_RUN_FAILED", "forecast truth is not known yet", {
          details: `asked at epoch ${askedEpoch}, its truth arrives at epoch ${askedEpoch + 1}; now is ${nowEpoch}`,
        });
      }
      return Float32Array.from(indices, (s) => paths[s][WARMUP + askedEpoch + 1]);
    },
    loss: meanSquaredError,
    score: (answers, y) => scoreFromMse(meanSquaredError(answers, y), reference),
    buildMiners: async (specs) => buildMiners(specs),
    planMiners: async (specs) => planLinearMiners(buildMiners(specs)),
  };
}
