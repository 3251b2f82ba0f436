import { z } from "zod";
import type { MinerStrategy } from "../sim/population/agentTypes.ts";
import { randomAnswer } from "./answers/randomAnswer.ts";
import { defineStrategy } from "./defineStrategy.ts";

export const randomMinerParams = z.strictObject({
  mean: z.number().default(0).describe("values tasks: mean of its random answers"),
  std: z.number().min(0).default(1).describe("values tasks: std-dev of its random answers"),
});

/** A lazy miner that does no work and answers at random (a seeded point of the simplex, or N(mean, std²)). */
export const randomMiner = defineStrategy(
  randomMinerParams,
  (p): MinerStrategy => ({
    name: "random",
    computes: false,
    answer: ({ rng, nQueries, outputs, kind }) => randomAnswer(rng, nQueries, outputs, kind, p),
  }),
);
