import { z } from "zod";
import type { MinerStrategy } from "../sim/population/agentTypes.ts";
import { copyAnswer } from "./answers/copyAnswer.ts";
import { degradeAnswer } from "./answers/degradeAnswer.ts";
import { topOther } from "./copycatMiner.ts";
import { defineStrategy } from "./defineStrategy.ts";

export const plagiaristParams = z.strictObject({
  noise: z
    .number()
    .min(0)
    .default(0)
    .describe(
      "strength of the perturbation of the stolen model's answers (a light fine-tune to disguise it)",
    ),
});

/**
 * Model plagiarism: once the chain shows who is top, the miner obtains a copy of that miner's model
 * (leaked or published weights) and serves it from then on: it pays the compute of running it, and
 * it keeps serving that copy even when the top miner changes. Until then it serves its own model.
 */
export const plagiarist = defineStrategy(plagiaristParams, (p): MinerStrategy => {
  let stolenUid: number | null = null;
  return {
    name: "plagiarist",
    answer: ({ own, all, nQueries, outputs, kind, rng, minerIndex, minerUids, publicState }) => {
      if (stolenUid === null) {
        const top = topOther(publicState.incentive, minerUids, minerIndex);
        if (top >= 0) stolenUid = minerUids[top];
      }
      const from = stolenUid === null ? -1 : minerUids.indexOf(stolenUid);
      if (from < 0 || from === minerIndex) return own;
      const copied = copyAnswer(all, from, nQueries, outputs);
      return p.noise === 0 ? copied : degradeAnswer(copied, outputs, kind, rng, p.noise);
    },
    saveState: () => ({ stolenUid }),
    loadState(state) {
      stolenUid = (state as { stolenUid: number | null }).stolenUid;
    },
  };
});
