import type { MinerStrategy } from "../sim/population/agentTypes.ts";
import { copyAnswer } from "./answers/copyAnswer.ts";

/**
 * A copycat miner runs no useful model: it submits the answers of the miner that earned the most
 * incentive last epoch (public on-chain), obtained through a relay or a cabal that shares answers.
 * In its first epoch, with nothing to go on, it submits its own (usually poor) model's answers.
 */
export const copycatMiner = (): MinerStrategy => ({
  name: "copycat",
  computes: false,
  answer: ({ own, all, nQueries, outputs, minerIndex, minerUids, publicState }) => {
    const incentive = publicState.incentive;
    if (incentive === null) return own;
    let best = -1;
    for (let i = 0; i < minerUids.length; i++) {
      if (i === minerIndex) continue;
      if (best < 0 || incentive[minerUids[i]] > incentive[minerUids[best]]) best = i;
    }
    return best < 0 ? own : copyAnswer(all, best, nQueries, outputs);
  },
});
