import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Rng } from "../rng/createRng.ts";
import type { LinearModel } from "./fitLeastSquares.ts";
import { linearToMlp, perturbLinear } from "./linearMlp.ts";
import type { TaskMiner, TaskMinerPlan, TaskMinerSpec } from "./subnetTask.ts";

/** Checks ids are unique and noise valid; throws a CrucibleError naming the miner. */
export function checkMinerSpecs(specs: readonly TaskMinerSpec[], tiers: readonly string[]): void {
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.id))
      throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `duplicate miner id "${spec.id}"`);
    seen.add(spec.id);
    if (!(spec.weightNoise >= 0)) {
      throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `miner "${spec.id}" has an invalid weightNoise`, {
        details: `expected a number >= 0, got ${spec.weightNoise}`,
      });
    }
    if (!tiers.includes(spec.tier)) {
      throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `unknown model tier "${spec.tier}"`, {
        details: `expected one of ${tiers.join(", ")}`,
      });
    }
  }
}

/**
 * Miners of a linear task: the tier's model plus seeded noise (stream `miner-noise:<id>` of `rng`),
 * as an exact linear MLP, with the true quality `qualityOf(model)`.
 */
export function buildLinearMiners(
  specs: readonly TaskMinerSpec[],
  tierModels: ReadonlyMap<string, LinearModel>,
  rng: Rng,
  qualityOf: (model: LinearModel) => number,
): TaskMiner[] {
  checkMinerSpecs(specs, [...tierModels.keys()]);
  return specs.map((spec) => {
    const base = tierModels.get(spec.tier) as LinearModel;
    const model = perturbLinear(base, rng.fork(`miner-noise:${spec.id}`).seed, spec.weightNoise);
    return { id: spec.id, tier: spec.tier, weights: linearToMlp(model), trueQuality: qualityOf(model) };
  });
}

/**
 * A linear task's plan for worker threads: its miners are d-2-1 MLPs (a few dozen floats each, ~1.5 MB
 * for 10,000 at d = 16), so they are built here and sent whole, and their true quality is the
 * task's own float64 computation, not a measurement through the adapter.
 */
export function planLinearMiners(miners: readonly TaskMiner[]): TaskMinerPlan {
  return { source: miners.map((m) => m.weights), trueQuality: miners.map((m) => m.trueQuality) };
}
