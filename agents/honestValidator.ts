import type { ValidatorStrategy } from "../sim/population/agentTypes.ts";
import { scoresToU16Weights } from "./scoresToU16Weights.ts";

/**
 * An honest validator draws its own tasks from the pool with its RNG stream, scores every miner on
 * them and sets weights proportional to the scores (the best miner gets 65535). Until it has scores
 * (truth that arrives an epoch later) it sets nothing.
 */
export const honestValidator = (): ValidatorStrategy => ({
  name: "honest",
  chooseQueries: ({ rng, poolSize, count }) => rng.sample(poolSize, count),
  weigh: ({ scores, minerUids }) =>
    scores === null ? null : { uids: [...minerUids], weights: scoresToU16Weights(scores) },
});
