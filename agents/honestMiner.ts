import { z } from "zod";
import type { MinerStrategy } from "../sim/population/agentTypes.ts";
import { defineStrategy } from "./defineStrategy.ts";

/** An honest miner submits exactly what its model computed. */
export const honestMinerStrategy = (): MinerStrategy => ({
  name: "honest",
  answer: ({ own }) => own,
});

export const honestMiner = defineStrategy(z.strictObject({}), honestMinerStrategy);
