/**
 * A token holder voting its interest on a proposal (issue 23): it estimates its income per epoch under
 * the proposed emission split against the status quo, from its recent reward and the side of the split
 * it earns from (miners: the miners' share, validators: the validators' share), and votes for a gain,
 * against a loss, when the stake in the outcome over its horizon exceeds its cost of voting (the
 * turnout model); otherwise it stays home. Changes that leave the split alone (slash share, immunity,
 * registration burn) move this estimate by nothing, so an interest voter does not vote on them.
 */
export interface InterestVoteInput {
  role: "miner" | "validator";
  /** What it earned in the last epoch (wei). */
  recentRewardWei: bigint;
  /** The split now and as proposed (basis points); `proposed` undefined: the split is not changed. */
  current: { minerBps: number; validatorBps: number };
  proposed?: { minerBps: number; validatorBps: number };
  horizonEpochs: number;
  /** Below this stake in the outcome (wei) it does not vote. */
  turnoutCostWei: bigint;
}

export interface InterestVote {
  /** 1 for, 0 against; undefined: it does not vote. */
  support: 0 | 1 | undefined;
  /** Expected change of its income per epoch (wei) if the proposal passes. */
  deltaWei: bigint;
}

export function interestVote(x: InterestVoteInput): InterestVote {
  if (x.proposed === undefined) return { support: undefined, deltaWei: 0n };
  const side = x.role === "miner" ? "minerBps" : "validatorBps";
  const now = BigInt(x.current[side]);
  const next = BigInt(x.proposed[side]);
  // A side that earns nothing now: its recent reward says nothing of what it would earn.
  const deltaWei = now === 0n ? 0n : (x.recentRewardWei * next) / now - x.recentRewardWei;
  const stake = (deltaWei < 0n ? -deltaWei : deltaWei) * BigInt(x.horizonEpochs);
  if (deltaWei === 0n || stake <= x.turnoutCostWei) return { support: undefined, deltaWei };
  return { support: deltaWei > 0n ? 1 : 0, deltaWei };
}

/** What a holder must be paid to vote for a proposal (wei): its expected loss over its horizon (0 for a
 * holder that gains or is indifferent) plus its cost of voting. */
export function bribeFloorWei(vote: InterestVote, horizonEpochs: number, turnoutCostWei: bigint): bigint {
  const loss = vote.deltaWei < 0n ? -vote.deltaWei * BigInt(horizonEpochs) : 0n;
  return loss + turnoutCostWei;
}

/** A holder takes a bribe to vote for when it exceeds its floor (its expected loss and voting cost). */
export const acceptsBribe = (bribeWei: bigint, floorWei: bigint): boolean => bribeWei > floorWei;
