import type { MinerStrategy } from "../sim/population/agentTypes.ts";
import { staleAnswer } from "./answers/staleAnswer.ts";

/** A miner that computes once and replays its first answers every epoch (a stale cache). */
export const staleMiner = (): MinerStrategy => {
  let cached: Float32Array | undefined;
  return {
    name: "stale",
    computes: false, // it computed once, in its first epoch: negligible over a run
    answer: ({ own, nQueries, outputs }) => {
      const out = staleAnswer(cached, nQueries, outputs, own);
      cached ??= out;
      return out;
    },
  };
};
