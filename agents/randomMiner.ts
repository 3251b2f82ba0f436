import type { MinerStrategy } from "../sim/population/agentTypes.ts";
import { randomAnswer } from "./answers/randomAnswer.ts";

/** A lazy miner that does no work and answers at random (a seeded point of the simplex, or N(0, 1)). */
export const randomMiner = (): MinerStrategy => ({
  name: "random",
  computes: false,
  answer: ({ rng, nQueries, outputs, kind }) => randomAnswer(rng, nQueries, outputs, kind),
});
