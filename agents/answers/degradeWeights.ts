import type { MlpWeights } from "../../sim/models/mlpWeights.ts";
import { perturbWeights } from "../../sim/models/perturbWeights.ts";
import type { Rng } from "../../sim/rng/createRng.ts";

/**
 * A degraded model rather than a degraded answer: the miner's weights with heavier seeded noise
 * (`scale` relative to each array's RMS, as `perturbWeights`), for the model zoo to run through the
 * batched adapter like any other miner.
 */
export function degradeWeights(weights: MlpWeights, rng: Rng, scale: number): MlpWeights {
  return perturbWeights(weights, rng.fork("degraded-model").seed, scale);
}
