import type { MinerStrategy } from "../sim/population/agentTypes.ts";

/** An honest miner submits exactly what its model computed. */
export const honestMiner = (): MinerStrategy => ({
  name: "honest",
  answer: ({ own }) => own,
});
