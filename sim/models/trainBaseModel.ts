import * as tf from "@tensorflow/tfjs";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { type InferenceBackendName, initInferenceBackend } from "../inference/initInferenceBackend.ts";
import { measureAccuracy } from "../inference/measureAccuracy.ts";
import { createRng, type Rng } from "../rng/createRng.ts";
import { initMlpWeights } from "./initMlpWeights.ts";
import { DIGIT_CLASSES, DIGIT_FEATURES, type DigitData } from "./loadDigits.ts";
import { type MlpWeights, mlpParts } from "./mlpWeights.ts";
import { type ModelCacheKey, modelCacheDir, readCachedModel, writeCachedModel } from "./modelCache.ts";
import { MODEL_TIERS, type TierBudget } from "./modelTiers.ts";

/** Bump when training code changes what weights a key produces, so old cache files are not reused. */
export const MODEL_CODE_VERSION = 1;

export interface BaseModelConfig {
  tier: string;
  /** Overrides the built-in tier's budget (or defines a tier that is not built in). */
  budget?: TierBudget;
}

export interface TrainBaseModelOptions {
  /** Root of the cache; defaults to CRUCIBLE_CACHE_DIR, else ~/.cache/crucible. */
  cacheDir?: string;
  /** false: neither read nor write the cache (always train). Default true. */
  cache?: boolean;
  backend?: InferenceBackendName;
}

export interface BaseModel {
  tier: string;
  weights: MlpWeights;
  heldoutAccuracy: number;
  /** true when the weights came from the disk cache and no training ran. */
  cacheHit: boolean;
  /** Training time of the run that produced these weights (the cached value on a hit). */
  trainMs: number;
  backend: string;
  cacheKey: ModelCacheKey;
  cachePath?: string;
}

function resolveBudget(config: BaseModelConfig): TierBudget {
  const budget = config.budget ?? MODEL_TIERS[config.tier];
  if (budget === undefined) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `unknown model tier "${config.tier}"`, {
      details: `expected one of ${Object.keys(MODEL_TIERS).join(", ")}, or give a budget`,
    });
  }
  return budget;
}

function sampleBatch(rng: Rng, data: DigitData, batchSize: number): { x: Float32Array; y: Int32Array } {
  const n = data.trainY.length;
  const x = new Float32Array(batchSize * DIGIT_FEATURES);
  const y = new Int32Array(batchSize);
  for (let row = 0; row < batchSize; row++) {
    const i = rng.int(0, n - 1);
    x.set(data.trainX.subarray(i * DIGIT_FEATURES, (i + 1) * DIGIT_FEATURES), row * DIGIT_FEATURES);
    y[row] = data.trainY[i];
  }
  return { x, y };
}

/** Adam on softmax cross-entropy from RNG-drawn initial weights and RNG-drawn minibatches. */
function train(initial: MlpWeights, budget: TierBudget, data: DigitData, rng: Rng): MlpWeights {
  const { inputSize, hidden, outputs } = initial;
  const shapes = [[inputSize, hidden], [hidden], [hidden, outputs], [outputs]];
  const vars = mlpParts(initial).map((part, i) => {
    const value = tf.tensor(part, shapes[i]);
    const variable = tf.variable(value);
    value.dispose();
    return variable;
  });
  const [w1, b1, w2, b2] = vars;
  const optimizer = tf.train.adam(budget.learningRate);
  try {
    for (let step = 0; step < budget.steps; step++) {
      const batch = sampleBatch(rng, data, budget.batchSize);
      tf.tidy(() => {
        const x = tf.tensor2d(batch.x, [budget.batchSize, inputSize]);
        const y = tf.oneHot(tf.tensor1d(batch.y, "int32"), outputs);
        optimizer.minimize(() => {
          const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
          return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(h, w2), b2));
        });
      });
    }
    const [tw1, tb1, tw2, tb2] = vars.map((v) => v.dataSync() as Float32Array);
    return { inputSize, hidden, outputs, w1: tw1, b1: tb1, w2: tw2, b2: tb2 };
  } finally {
    optimizer.dispose();
    for (const v of vars) v.dispose();
  }
}

/**
 * Trains (or loads from the disk cache) the base 784-H-10 MLP of a quality tier on the task's train
 * split. Deterministic for (config, data split, seed) on a backend; the cache key covers all of them.
 */
export async function trainBaseModel(
  config: BaseModelConfig,
  data: DigitData,
  seed: number,
  options: TrainBaseModelOptions = {},
): Promise<BaseModel> {
  const budget = resolveBudget(config);
  const { backend } = await initInferenceBackend(options.backend);
  const cacheKey: ModelCacheKey = {
    task: "mnist-digits",
    architecture: {
      inputSize: DIGIT_FEATURES,
      hidden: budget.hidden,
      outputs: DIGIT_CLASSES,
      activation: "relu",
    },
    budget: { ...budget, optimizer: "adam", loss: "softmax-cross-entropy" },
    seed,
    split: data.splitKey,
    backend,
    codeVersion: MODEL_CODE_VERSION,
  };
  const dir = modelCacheDir(options.cacheDir);
  const useCache = options.cache ?? true;
  const finish = async (weights: MlpWeights, cacheHit: boolean, trainMs: number, cachePath?: string) => {
    const [heldoutAccuracy] = await measureAccuracy([weights], data.heldoutX, data.heldoutY);
    return { tier: config.tier, weights, heldoutAccuracy, cacheHit, trainMs, backend, cacheKey, cachePath };
  };
  if (useCache) {
    const cached = await readCachedModel(dir, cacheKey);
    if (cached !== undefined) return finish(cached.weights, true, cached.meta.trainMs, cached.path);
  }
  const rng = createRng(seed);
  const started = performance.now();
  const initial = initMlpWeights(rng.fork("init"), DIGIT_FEATURES, budget.hidden, DIGIT_CLASSES);
  let weights: MlpWeights;
  try {
    weights = budget.steps > 0 ? train(initial, budget, data, rng.fork("minibatches")) : initial;
  } catch (error) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `training the "${config.tier}" model failed`, {
      cause: error,
    });
  }
  const trainMs = performance.now() - started;
  const cachePath = useCache
    ? (await writeCachedModel(dir, weights, { key: cacheKey, trainMs })).bin
    : undefined;
  return finish(weights, false, trainMs, cachePath);
}
