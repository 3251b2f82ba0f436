import { z } from "zod";
import type { MinerStrategy } from "../sim/population/agentTypes.ts";
import { copyAnswer } from "./answers/copyAnswer.ts";
import { defineStrategy } from "./defineStrategy.ts";

/**
 * One UID of a sybil operator: the operator runs one model and serves it from many UIDs. The
 * operator's first miner (lowest position) computes; every other UID it holds submits the same
 * answers without computing, so the operator pays one compute for several incentive shares. Alone
 * (no operator), it is an honest miner.
 */
export const sybilMiner = defineStrategy(z.strictObject({}), (): MinerStrategy => {
  let leader = true;
  return {
    name: "sybil",
    get computes() {
      return leader;
    },
    answer: ({ own, all, nQueries, outputs, minerIndex, team }) => {
      const first =
        team === undefined || team.minerIndices.length === 0 ? minerIndex : Math.min(...team.minerIndices);
      leader = first === minerIndex;
      return leader ? own : copyAnswer(all, first, nQueries, outputs);
    },
    saveState: () => ({ leader }),
    loadState(state) {
      leader = (state as { leader: boolean }).leader;
    },
  };
});
