import { CrucibleError } from "../errors/CrucibleError.ts";
import { createRng } from "../rng/createRng.ts";
import type { DigitData } from "./loadDigits.ts";
import { measureAccuracy } from "./measureAccuracy.ts";
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

/**
 * One model per miner: its tier's base model (trained once per tier, cached on disk) plus seeded
 * per-miner Gaussian noise, so every miner differs. Miners come back in spec order. Deterministic for
 * (specs, data split, seed) on a backend: noise streams are forked by miner id, base seeds by tier.
 */
export async function buildMinerModels(
  specs: readonly MinerModelSpec[],
  data: DigitData,
  seed: number,
  options: TrainBaseModelOptions = {},
): Promise<MinerModel[]> {
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
  const rng = createRng(seed);
  const bases = new Map<string, BaseModel>();
  for (const tier of new Set(specs.map((s) => s.tier))) {
    bases.set(tier, await trainBaseModel({ tier }, data, rng.fork(`base-model:${tier}`).seed, options));
  }
  const weights = specs.map((spec) =>
    perturbWeights(bases.get(spec.tier)!.weights, rng.fork(`miner-noise:${spec.id}`).seed, spec.weightNoise),
  );
  const accuracy = weights.length > 0 ? await measureAccuracy(weights, data.heldoutX, data.heldoutY) : [];
  return specs.map((spec, i) => ({
    id: spec.id,
    tier: spec.tier,
    weights: weights[i],
    trueAccuracy: accuracy[i],
    base: bases.get(spec.tier)!,
  }));
}
