import { CrucibleError } from "../errors/CrucibleError.ts";
import type { NoisyMinerSource } from "../inference/inferenceWorkerProtocol.ts";
import { measureAccuracy } from "../inference/measureAccuracy.ts";
import { createRng } from "../rng/createRng.ts";
import type { DigitData } from "./loadDigits.ts";
import type { MlpWeights } from "./mlpWeights.ts";
import { perturbWeights } from "./perturbWeights.ts";
import { type BaseModel, type TrainBaseModelOptions, trainBaseModel } from "./trainBaseModel.ts";

export interface MinerModelSpec {
  id: string;
  /** A quality tier of MODEL_TIERS (expert, average, poor, random). */
  tier: string;
  /** Per-miner noise, relative to each weight array's RMS (0: the tier's base model itself). */
  weightNoise: number;
}

export interface MinerModel {
  id: string;
  tier: string;
  weights: MlpWeights;
  /** Accuracy on the held-out split, measured with tfjs: the miner's true quality. */
  trueAccuracy: number;
  /** The tier's base model (shared by every miner of the tier): cache hit, training time, accuracy. */
  base: BaseModel;
}

function checkSpecs(specs: readonly MinerModelSpec[]): void {
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.id))
      throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `duplicate miner id "${spec.id}"`);
    if (!(spec.weightNoise >= 0)) {
      throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `miner "${spec.id}" has an invalid weightNoise`, {
        details: `expected a number >= 0, got ${spec.weightNoise}`,
      });
    }
    seen.add(spec.id);
  }
}

/** Miners described, not built: what `createWorkerInferenceAdapter` needs to build them in its workers. */
export interface MinerModelPlan {
  /** Base models by tier, in first-seen order; `source.bases` holds their weights in the same order. */
  bases: BaseModel[];
  source: NoisyMinerSource;
}

/**
 * Trains (or loads) each tier's base model and derives every miner's noise seed, without building
 * any miner's weights: hand `source` to `createWorkerInferenceAdapter` and 10,000 distinct miners
 * never exist in this thread's memory. The same seeds as `buildMinerModels`, so the same weights.
 */
export async function planMinerModels(
  specs: readonly MinerModelSpec[],
  data: DigitData,
  seed: number,
  options: TrainBaseModelOptions = {},
): Promise<MinerModelPlan> {
  checkSpecs(specs);
  const rng = createRng(seed);
  const tiers = [...new Set(specs.map((s) => s.tier))];
  const bases: BaseModel[] = [];
  for (const tier of tiers) {
    bases.push(await trainBaseModel({ tier }, data, rng.fork(`base-model:${tier}`).seed, options));
  }
  return {
    bases,
    source: {
      bases: bases.map((b) => b.weights),
      miners: specs.map((spec) => ({
        base: tiers.indexOf(spec.tier),
        noiseSeed: rng.fork(`miner-noise:${spec.id}`).seed,
        noise: spec.weightNoise,
      })),
    },
  };
}

/**
 * One model per miner: its tier's base model (trained once per tier, cached on disk) plus seeded
 * per-miner Gaussian noise, so every miner differs. Miners come back in spec order. Deterministic for
 * (specs, data split, seed) on a backend: noise streams are forked by miner id, base seeds by tier.
 * Holds every miner's weights in this thread: for thousands of miners use `planMinerModels` with the
 * worker adapter, whose `measureAccuracy` gives the same accuracies from inside the workers (what
 * `startTaskInference` does for a run).
 */
export async function buildMinerModels(
  specs: readonly MinerModelSpec[],
  data: DigitData,
  seed: number,
  options: TrainBaseModelOptions = {},
): Promise<MinerModel[]> {
  const { bases, source } = await planMinerModels(specs, data, seed, options);
  const weights = source.miners.map((m) => perturbWeights(source.bases[m.base], m.noiseSeed, m.noise));
  const accuracy = weights.length > 0 ? await measureAccuracy(weights, data.heldoutX, data.heldoutY) : [];
  return specs.map((spec, i) => ({
    id: spec.id,
    tier: spec.tier,
    weights: weights[i],
    trueAccuracy: accuracy[i],
    base: bases[source.miners[i].base],
  }));
}
