import { buildMinerModels, planMinerModels } from "../models/buildMinerModels.ts";
import {
  DEFAULT_DIGIT_SPLIT,
  DIGIT_CLASSES,
  DIGIT_FEATURES,
  type DigitSplit,
  loadDigits,
} from "../models/loadDigits.ts";
import { MODEL_TIERS } from "../models/modelTiers.ts";
import type { TrainBaseModelOptions } from "../models/trainBaseModel.ts";
import type { Rng } from "../rng/createRng.ts";
import { checkPoolIndices } from "./checkPoolIndices.ts";
import { poolRows } from "./poolRows.ts";
import type { SubnetTask } from "./subnetTask.ts";

export interface DigitsTaskOptions extends TrainBaseModelOptions {
  split?: DigitSplit;
}

/** Share of rows whose argmax over `classes` values equals the label. */
export function digitAccuracy(answers: Float32Array, labels: Float32Array, classes = DIGIT_CLASSES): number {
  const n = labels.length;
  let correct = 0;
  for (let r = 0; r < n; r++) {
    const base = r * classes;
    let best = 0;
    for (let c = 1; c < classes; c++) if (answers[base + c] > answers[base + best]) best = c;
    // A missing answer (NaN: a miner that stopped serving) is never right.
    if (best === labels[r] && Number.isFinite(answers[base + best])) correct++;
  }
  return n === 0 ? 0 : correct / n;
}

/**
 * Handwritten-digit classification (the `mnist` package): the query pool is the split's query part,
 * the truth its labels (known at once), a miner's score its accuracy on the queries, its true quality
 * its held-out accuracy. Data from `rng.fork("data")` and models seeded by `rng.seed`, exactly as
 * `runScenario` does with `createRng(scenario.seed)`.
 */
export async function createDigitsTask(rng: Rng, options: DigitsTaskOptions = {}): Promise<SubnetTask> {
  const data = await loadDigits(rng.fork("data"), options.split ?? DEFAULT_DIGIT_SPLIT);
  const poolSize = data.queryY.length;
  return {
    kind: "digits",
    inputSize: DIGIT_FEATURES,
    outputs: DIGIT_CLASSES,
    output: "softmax",
    quality: { metric: "accuracy", higherIsBetter: true, toScore: (accuracy) => accuracy },
    poolSize,
    truthDelay: 0,
    hiddenWidth: (tier) => MODEL_TIERS[tier]?.hidden ?? 0,
    queries: (_epoch, indices) => poolRows(data.queryX, DIGIT_FEATURES, indices, poolSize),
    truth(_askedEpoch, indices) {
      checkPoolIndices(indices, poolSize);
      return Float32Array.from(indices, (q) => data.queryY[q]);
    },
    loss: (answers, truth) => 1 - digitAccuracy(answers, truth),
    score: (answers, truth) => digitAccuracy(answers, truth),
    async buildMiners(specs) {
      const models = await buildMinerModels(specs, data, rng.seed, options);
      return models.map((m) => ({ id: m.id, tier: m.tier, weights: m.weights, trueQuality: m.trueAccuracy }));
    },
    async planMiners(specs) {
      const { source } = await planMinerModels(specs, data, rng.seed, options);
      return { source, heldout: { x: data.heldoutX, labels: data.heldoutY } };
    },
  };
}
