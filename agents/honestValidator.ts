import { z } from "zod";
import type { ValidatorStrategy } from "../sim/population/agentTypes.ts";
import { defineStrategy } from "./defineStrategy.ts";
import { scoresToU16Weights } from "./scoresToU16Weights.ts";

/**
 * An honest validator draws its own tasks from the pool with its RNG stream (and, when the scenario
 * limits it, which miners to query), scores the miners it queried and sets weights proportional to
 * the scores (the best gets 65535). Until it has scores (truth an epoch later) it sets nothing.
 */
export const honestValidatorStrategy = (): ValidatorStrategy => ({
  name: "honest",
  chooseQueries: ({ rng, poolSize, count }) => rng.sample(poolSize, count),
  chooseMiners: ({ rng, minerCount, count }) => rng.sample(minerCount, Math.min(count, minerCount)),
  weigh: ({ scores, minerUids }) => {
    if (scores === null) return null;
    const queried = minerUids.flatMap((uid, i) =>
      Number.isNaN(scores[i]) ? [] : [{ uid, score: scores[i] }],
    );
    if (queried.length === 0) return null;
    queried.sort((a, b) => a.uid - b.uid); // the chain wants strictly increasing UIDs
    return {
      uids: queried.map((q) => q.uid),
      weights: scoresToU16Weights(queried.map((q) => q.score)),
    };
  },
});

export const honestValidator = defineStrategy(z.strictObject({}), honestValidatorStrategy);
