import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Rng } from "../rng/createRng.ts";
import { createGaussianStream } from "../rng/seededGaussian.ts";
import { buildLinearMiners, planLinearMiners } from "./buildLinearMiners.ts";
import { checkPoolIndices } from "./checkPoolIndices.ts";
import { fitLeastSquares, type LinearModel } from "./fitLeastSquares.ts";
import { poolRows } from "./poolRows.ts";
import { meanSquaredError, scoreFromMse } from "./scoreValueAnswers.ts";
import type { SubnetTask, TaskMinerSpec } from "./subnetTask.ts";

export interface TabularRegressionOptions {
  /** Features per row (default 16). */
  features?: number;
  /** Standard deviation σ of the label noise (default 0.5). */
  noiseStd?: number;
  /** Rows in the query pool (default 2048). */
  poolSize?: number;
}

/** y = x·β + b + σ·ε with x ~ N(0, I): the task's ground truth. */
interface RegressionTruth {
  beta: Float64Array;
  intercept: number;
  noiseStd: number;
}

/** n rows drawn from the task's distribution with the given streams (seeds from the run's RNG). */
function drawRows(truth: RegressionTruth, n: number, xSeed: number, noiseSeed: number) {
  const d = truth.beta.length;
  const x = new Float32Array(n * d);
  createGaussianStream(xSeed).fill(x, 1);
  const eps = new Float32Array(n);
  createGaussianStream(noiseSeed).fill(eps, truth.noiseStd);
  const y = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    let sum = truth.intercept + eps[r];
    for (let j = 0; j < d; j++) sum += x[r * d + j] * truth.beta[j];
    y[r] = sum;
  }
  return { x, y };
}

/**
 * The closed-form expected squared error of a linear predictor on a fresh row:
 * E[(x·β̂ + b̂ − y)²] = σ² + ‖β̂ − β‖² + (b̂ − b)², since x ~ N(0, I). Its minimum σ² is the optimum.
 */
export function expectedRegressionMse(model: LinearModel, truth: RegressionTruth): number {
  let sum = truth.noiseStd ** 2 + (model.intercept - truth.intercept) ** 2;
  truth.beta.forEach((b, j) => {
    sum += (model.coefficients[j] - b) ** 2;
  });
  return sum;
}

/**
 * Seeded synthetic tabular regression with known noise: β and b from the run's RNG, a fixed query
 * pool, truth known at once. Tiers are least-squares fits of decreasing data (expert: 4,096 rows;
 * average: d + 6 rows; poor: d + 8 rows, shrunk to 30%; random: coefficients drawn at random), and every
 * miner's true quality is its closed-form expected MSE (lower is better; the optimum is σ²). Tier
 * means keep this order for seeds 1-30 at 10% miner noise.
 */
export function createTabularRegressionTask(rng: Rng, options: TabularRegressionOptions = {}): SubnetTask {
  const d = options.features ?? 16;
  const noiseStd = options.noiseStd ?? 0.5;
  const poolSize = options.poolSize ?? 2048;
  if (!Number.isInteger(d) || d < 1 || !(noiseStd > 0) || !Number.isInteger(poolSize) || poolSize < 1) {
    throw new CrucibleError("CRUCIBLE_SCENARIO_INVALID", "invalid tabular-regression options", {
      details: `expected integer features >= 1, noiseStd > 0 and integer poolSize >= 1, got ${JSON.stringify(options)}`,
    });
  }
  const betaDraws = new Float32Array(d + 1);
  createGaussianStream(rng.fork("truth").seed).fill(betaDraws, 1);
  const truth: RegressionTruth = {
    beta: Float64Array.from(betaDraws.subarray(0, d)),
    intercept: betaDraws[d],
    noiseStd,
  };
  const pool = drawRows(truth, poolSize, rng.fork("pool:x").seed, rng.fork("pool:noise").seed);
  const fitTier = (tier: string, rows: number, shrink = 1): LinearModel => {
    const train = drawRows(
      truth,
      rows,
      rng.fork(`train:${tier}:x`).seed,
      rng.fork(`train:${tier}:noise`).seed,
    );
    const model = fitLeastSquares(train.x, train.y, d);
    return { coefficients: model.coefficients.map((c) => c * shrink), intercept: model.intercept };
  };
  const randomDraws = new Float32Array(d);
  createGaussianStream(rng.fork("tier:random").seed).fill(randomDraws, 1);
  const tiers = new Map<string, LinearModel>([
    ["expert", fitTier("expert", 4096)],
    ["average", fitTier("average", d + 6)],
    ["poor", fitTier("poor", d + 8, 0.3)],
    ["random", { coefficients: Float64Array.from(randomDraws), intercept: 0 }],
  ]);
  const reference = noiseStd ** 2;
  const buildMiners = (specs: readonly TaskMinerSpec[]) =>
    buildLinearMiners(specs, tiers, rng.fork("miners"), (model) => expectedRegressionMse(model, truth));
  return {
    kind: "tabular-regression",
    inputSize: d,
    outputs: 1,
    output: "linear",
    quality: { metric: "mse", higherIsBetter: false, toScore: (mse) => scoreFromMse(mse, reference) },
    optimalLoss: reference,
    poolSize,
    truthDelay: 0,
    hiddenWidth: () => 2, // linearToMlp: every tier is a d-2-1 MLP
    queries: (_epoch, indices) => poolRows(pool.x, d, indices, poolSize),
    truth(_askedEpoch, indices) {
      checkPoolIndices(indices, poolSize);
      return Float32Array.from(indices, (q) => pool.y[q]);
    },
    loss: meanSquaredError,
    score: (answers, y) => scoreFromMse(meanSquaredError(answers, y), reference),
    buildMiners: async (specs) => buildMiners(specs),
    planMiners: async (specs) => planLinearMiners(buildMiners(specs)),
  };
}
