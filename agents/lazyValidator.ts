import { z } from "zod";
import type { ValidatorStrategy } from "../sim/population/agentTypes.ts";
import { defineStrategy } from "./defineStrategy.ts";
import { scoresToU16Weights } from "./scoresToU16Weights.ts";

export const lazyValidatorParams = z.strictObject({
  mode: z
    .enum(["constant", "random", "stale"])
    .default("constant")
    .describe(
      "constant: the same weight on every miner; random: seeded uniform weights each epoch; stale: the first consensus it sees, frozen (constant until then)",
    ),
});

/**
 * A lazy validator sends no queries and sets weights anyway, to keep its permit and dividends
 * without the cost of evaluating: constant, random, or a frozen copy of an early consensus.
 */
export const lazyValidator = defineStrategy(lazyValidatorParams, (p): ValidatorStrategy => {
  let frozen: Float64Array | null = null;
  return {
    name: "lazy-validator",
    chooseQueries: () => [],
    weigh: ({ minerUids, publicState, rng }) => {
      let scores: number[];
      if (p.mode === "random") scores = minerUids.map(() => rng.float());
      else if (p.mode === "stale") {
        frozen ??= publicState.consensus === null ? null : publicState.consensus.slice();
        scores = minerUids.map((uid) => (frozen === null ? 1 : (frozen[uid] ?? 0)));
      } else scores = minerUids.map(() => 1);
      return scores.some((s) => s > 0) ? { uids: [...minerUids], weights: scoresToU16Weights(scores) } : null;
    },
    saveState: () => ({ frozen: frozen?.slice() ?? null }),
    loadState(state) {
      frozen = (state as { frozen: Float64Array | null }).frozen?.slice() ?? null;
    },
  };
});
