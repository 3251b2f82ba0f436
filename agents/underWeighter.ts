import { z } from "zod";
import type { ValidatorStrategy } from "../sim/population/agentTypes.ts";
import { defineStrategy } from "./defineStrategy.ts";
import { honestValidatorStrategy } from "./honestValidator.ts";
import { scoresToU16Weights } from "./scoresToU16Weights.ts";
import { teamMinerSet } from "./teamMiners.ts";

export const underWeighterParams = z.strictObject({
  factor: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe("how far below the truth it scores competitors: score × (1 − factor)"),
  topK: z
    .int()
    .min(0)
    .default(0)
    .describe("grief only the k best-scoring competitors (0: every miner outside its operator)"),
});

/**
 * An under-weighting griefer: it scores like an honest validator, then reports competitors (miners
 * outside its operator; only the top k if asked) below the truth by `factor`, to cut their incentive
 * and so raise its own miners' share, or simply to hurt. Its own operator's miners keep the truth.
 */
export const underWeighter = defineStrategy(underWeighterParams, (p): ValidatorStrategy => {
  const honest = honestValidatorStrategy();
  return {
    ...honest,
    name: "under-weighter",
    weigh: ({ scores, minerUids, team }) => {
      if (scores === null) return null;
      const own = teamMinerSet(team);
      const competitors = minerUids.map((_, i) => i).filter((i) => !own.has(i) && !Number.isNaN(scores[i]));
      competitors.sort((a, b) => scores[b] - scores[a] || a - b);
      const griefed = new Set(p.topK === 0 ? competitors : competitors.slice(0, p.topK));
      const queried = minerUids.flatMap((uid, i) =>
        Number.isNaN(scores[i])
          ? []
          : [{ uid, score: griefed.has(i) ? scores[i] * (1 - p.factor) : scores[i] }],
      );
      if (queried.length === 0) return null;
      queried.sort((a, b) => a.uid - b.uid);
      return { uids: queried.map((q) => q.uid), weights: scoresToU16Weights(queried.map((q) => q.score)) };
    },
  };
});
