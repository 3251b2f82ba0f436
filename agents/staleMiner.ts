import { z } from "zod";
import type { MinerStrategy } from "../sim/population/agentTypes.ts";
import { staleAnswer } from "./answers/staleAnswer.ts";
import { defineStrategy } from "./defineStrategy.ts";

export const staleMinerParams = z.strictObject({
  refreshEvery: z
    .int()
    .min(0)
    .default(0)
    .describe("epochs between refreshes of its cache with its own model's answers (0: never)"),
});

/** A miner that computes once and replays its cached answers every epoch (a stale cache), refreshed
 * every `refreshEvery` epochs if asked. */
export const staleMiner = defineStrategy(staleMinerParams, (p): MinerStrategy => {
  let cached: Float32Array | undefined;
  let age = 0;
  return {
    name: "stale",
    computes: false, // it computes rarely: negligible over a run
    answer: ({ own, nQueries, outputs }) => {
      if (p.refreshEvery > 0 && age >= p.refreshEvery) {
        cached = undefined;
        age = 0;
      }
      age++;
      const out = staleAnswer(cached, nQueries, outputs, own);
      cached ??= out;
      return out;
    },
    saveState: () => ({ cached: cached?.slice(), age }),
    loadState(state) {
      const s = state as { cached: Float32Array | undefined; age: number };
      cached = s.cached?.slice();
      age = s.age;
    },
  };
});
