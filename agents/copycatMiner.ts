import { z } from "zod";
import type { MinerStrategy } from "../sim/population/agentTypes.ts";
import { copyAnswer } from "./answers/copyAnswer.ts";
import { degradeAnswer } from "./answers/degradeAnswer.ts";
import { defineStrategy } from "./defineStrategy.ts";

export const copycatParams = z.strictObject({
  target: z
    .union([z.literal("top"), z.int().min(0)])
    .default("top")
    .describe("whom it copies: the miner with the most incentive (top), or a chosen UID"),
  delayEpochs: z
    .int()
    .min(0)
    .default(0)
    .describe(
      "epochs its knowledge of who is top lags behind the chain (it submits its own answers until it has any)",
    ),
  noise: z
    .number()
    .min(0)
    .default(0)
    .describe("strength of seeded noise on the copied answers, to evade duplicate detection"),
});

/**
 * A copycat miner runs no useful model: it submits the answers of the miner that earned the most
 * incentive (public on-chain) `delayEpochs` epochs before last, or of a chosen UID, obtained through
 * a relay or a cabal that shares answers, perhaps with noise. With nothing to go on, it submits its
 * own (usually poor) model's answers.
 */
export const copycatMiner = defineStrategy(copycatParams, (p): MinerStrategy => {
  const seen: (Float64Array | null)[] = [];
  return {
    name: "copycat",
    computes: false,
    answer: ({ own, all, nQueries, outputs, kind, rng, minerIndex, minerUids, publicState }) => {
      seen.push(publicState.incentive);
      const incentive = seen.length > p.delayEpochs ? seen[seen.length - 1 - p.delayEpochs] : null;
      const from =
        p.target === "top" ? topOther(incentive, minerUids, minerIndex) : minerUids.indexOf(p.target);
      if (from < 0 || from === minerIndex || (p.target === "top" && incentive === null)) return own;
      const copied = copyAnswer(all, from, nQueries, outputs);
      return p.noise === 0 ? copied : degradeAnswer(copied, outputs, kind, rng, p.noise);
    },
    // Only the last delayEpochs + 1 incentives are ever read back.
    saveState: () => ({ seen: seen.slice(-(p.delayEpochs + 1)), length: seen.length }),
    loadState(state) {
      const s = state as { seen: (Float64Array | null)[]; length: number };
      seen.splice(0, seen.length, ...new Array<null>(s.length - s.seen.length).fill(null), ...s.seen);
    },
  };
});

/** The position of the miner other than `self` with the most incentive; -1 with none known. */
export function topOther(incentive: Float64Array | null, minerUids: readonly number[], self: number): number {
  if (incentive === null) return -1;
  let best = -1;
  for (let i = 0; i < minerUids.length; i++) {
    if (i === self) continue;
    if (best < 0 || incentive[minerUids[i]] > incentive[minerUids[best]]) best = i;
  }
  return best;
}
