import { interestVote } from "./interestVoter.ts";

/**
 * A proposer agent's decision (issue 23): shift `stepBps` of the emission split from the other side to
 * its own (a miner toward the miners' share, a validator toward the validators'; the owner's share
 * stays), up to `maxShareBps`, when its expected gain over its horizon exceeds `minGainWei`. The gain
 * is the interest voters' estimate (`interestVote`): its last reward scaled by its side's share as
 * proposed against now. Returns the split to propose and the expected gain per epoch, or null when it
 * would not propose (nothing to take, its side already at the ceiling, or too little to gain).
 */
export interface ProposeForGainInput {
  role: "miner" | "validator";
  /** What it earned in the last epoch (wei). */
  recentRewardWei: bigint;
  /** The split now (basis points). */
  current: { ownerBps: number; minerBps: number; validatorBps: number };
  stepBps: number;
  maxShareBps: number;
  horizonEpochs: number;
  /** It proposes only when its expected gain over the horizon exceeds this (wei). */
  minGainWei: bigint;
}

export interface ProposedSplit {
  split: { ownerBps: number; minerBps: number; validatorBps: number };
  /** Expected change of its income per epoch if the proposal passes (wei, > 0). */
  gainWei: bigint;
}

export function proposeForGain(x: ProposeForGainInput): ProposedSplit | null {
  const mine = x.role === "miner" ? x.current.minerBps : x.current.validatorBps;
  const theirs = x.role === "miner" ? x.current.validatorBps : x.current.minerBps;
  const moved = Math.min(x.stepBps, theirs, Math.max(0, x.maxShareBps - mine));
  if (moved <= 0) return null;
  const split =
    x.role === "miner"
      ? { ownerBps: x.current.ownerBps, minerBps: mine + moved, validatorBps: theirs - moved }
      : { ownerBps: x.current.ownerBps, minerBps: theirs - moved, validatorBps: mine + moved };
  const { deltaWei } = interestVote({
    role: x.role,
    recentRewardWei: x.recentRewardWei,
    current: x.current,
    proposed: split,
    horizonEpochs: x.horizonEpochs,
    turnoutCostWei: 0n,
  });
  if (deltaWei <= 0n || deltaWei * BigInt(x.horizonEpochs) <= x.minGainWei) return null;
  return { split, gainWei: deltaWei };
}
