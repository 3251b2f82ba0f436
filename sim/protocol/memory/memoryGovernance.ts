import type {
  GovernanceDeployment,
  ParameterChanges,
  ProposalState,
  ProposalView,
  VoteSupport,
} from "../governanceTypes.ts";
import { parameterCalls } from "../parameterChanges.ts";
import { sqrtFloor } from "../sqrtFloor.ts";
import type { SubnetParams } from "../subnetParams.ts";
import type { MemoryVotes } from "./memoryVotes.ts";

interface Proposal {
  changes: ParameterChanges;
  snapshot: bigint;
  deadline: bigint;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  /** The votes themselves (what the quorum counts; equal to the counted ones under simple counting). */
  raw: [bigint, bigint, bigint];
  /** Each voter's support (GovernorCountingBallots records it; CrucibleGovernor only whether). */
  voted: Map<string, VoteSupport>;
  /** The first block the timelock lets it execute in (0n: not queued). */
  etaBlock: bigint;
  executed: boolean;
}

/**
 * CrucibleGovernor, CrucibleTimelock and GovernedSubnetRegistry's setters in memory (OpenZeppelin's
 * Governor semantics: GovernorCountingSimple, GovernorVotesQuorumFraction in basis points,
 * GovernorTimelockControl), with the contracts' checks in their order; each write returns the custom
 * error name of its revert. With `counting: "quadratic"` or a bribe escrow it is CrucibleBallotGovernor
 * (GovernorCountingBallots: ballots recorded, counted by their square root when quadratic, the quorum
 * on the votes themselves). Blocks stand in for the timelock's seconds (the Anvil session mines one
 * second per block).
 */
export interface MemoryGovernance {
  readonly config: GovernanceDeployment;
  propose(proposer: string, changes: ParameterChanges, block: bigint): { error?: string; proposal?: number };
  castVote(voter: string, proposal: number, support: VoteSupport, block: bigint): string | undefined;
  queue(proposal: number, block: bigint): string | undefined;
  execute(proposal: number, block: bigint): string | undefined;
  /** How `voter` voted on `proposal` (GovernorCountingBallots.ballotOf); undefined: it has not. */
  ballotOf(proposal: number, voter: string): VoteSupport | undefined;
  /** The last block of `proposal`'s vote (Governor.proposalDeadline). */
  deadlineOf(proposal: number): bigint;
  /** The proposal as a view at block `head` (what an eth_call at the latest block sees). */
  view(proposal: number, head: bigint): ProposalView;
  count(): number;
}

/** The protocol-wide setters (GovernedStaking's take ceiling, GovernedEmission's rate), when the
 * deployment has `protocolSetters`. */
export interface ProtocolSetters {
  readonly maxTakeBps: number;
  setTakeCeiling(bps: number): void;
  /** GovernedEmission.setEpochEmission: the error name, or undefined having set it. */
  checkEpochEmission(amount: bigint): string | undefined;
  setEpochEmission(amount: bigint): void;
}

/** What the setters check, in the proposal's call order; the error name or undefined. */
function checkChanges(c: ParameterChanges, setters: ProtocolSetters | undefined): string | undefined {
  for (const call of parameterCalls(c)) {
    if (call.fn === "setEmissionSplit" && call.args[0] + call.args[1] + call.args[2] !== 10_000)
      return "InvalidParams";
    if (call.fn === "setSlashBps" && call.args[0] >= 10_000) return "InvalidParams";
    if (call.fn === "setRegistrationBurn" && call.args[0] > call.args[1]) return "InvalidParams";
    if (call.fn === "setRevealDelay" && call.args[0] > 100) return "InvalidParams";
    if (call.fn === "setTakeCeiling" && setters !== undefined && call.args[0] > setters.maxTakeBps)
      return "TakeCeilingTooHigh";
    if (call.fn === "setEpochEmission" && setters !== undefined) {
      const bad = setters.checkEpochEmission(call.args[0]);
      if (bad !== undefined) return bad;
    }
  }
  return undefined;
}

function applyChanges(params: SubnetParams, c: ParameterChanges, setters: ProtocolSetters | undefined): void {
  const p = params as { -readonly [K in keyof SubnetParams]: SubnetParams[K] };
  if (c.emissionSplit !== undefined) {
    p.ownerBps = c.emissionSplit.ownerBps;
    p.minerBps = c.emissionSplit.minerBps;
    p.validatorBps = c.emissionSplit.validatorBps;
  }
  if (c.slashBps !== undefined) p.slashBps = c.slashBps;
  if (c.immunityPeriod !== undefined) p.immunityPeriod = c.immunityPeriod;
  if (c.registrationBurn !== undefined) {
    p.minBurn = c.registrationBurn.minBurn;
    p.maxBurn = c.registrationBurn.maxBurn;
    p.burnIncreaseBps = c.registrationBurn.burnIncreaseBps;
    p.burnHalfLife = c.registrationBurn.burnHalfLife;
  }
  if (c.revealDelayEpochs !== undefined) p.revealDelayEpochs = c.revealDelayEpochs;
  if (c.takeCeilingBps !== undefined) setters?.setTakeCeiling(c.takeCeilingBps);
  if (c.epochEmission !== undefined) setters?.setEpochEmission(c.epochEmission);
}

export function createMemoryGovernance(
  config: GovernanceDeployment,
  votes: MemoryVotes,
  params: SubnetParams,
  setters?: ProtocolSetters,
): MemoryGovernance {
  const proposals: Proposal[] = [];
  const delay = BigInt(config.votingDelayBlocks);
  const period = BigInt(config.votingPeriodBlocks);

  const quadratic = config.counting === "quadratic";
  const quorumAt = (snapshot: bigint) =>
    (votes.pastTotalSupply(snapshot) * BigInt(config.quorumBps)) / 10_000n;
  /** Governor.state (with GovernorTimelockControl) in a call at `block`. */
  const stateAt = (p: Proposal, block: bigint): ProposalState => {
    if (p.executed) return "Executed";
    if (p.snapshot >= block) return "Pending";
    if (p.deadline >= block) return "Active";
    const quorumReached = quorumAt(p.snapshot) <= p.raw[1] + p.raw[2];
    if (!quorumReached || p.forVotes <= p.againstVotes) return "Defeated";
    return p.etaBlock === 0n ? "Succeeded" : "Queued";
  };

  return {
    config,
    count: () => proposals.length,
    propose(proposer, changes, block) {
      if (config.proposalThresholdWei > 0n && votes.votesOf(proposer) < config.proposalThresholdWei) {
        return { error: "GovernorInsufficientProposerVotes" };
      }
      const snapshot = block + delay;
      votes.watch(snapshot);
      proposals.push({
        changes,
        snapshot,
        deadline: snapshot + period,
        forVotes: 0n,
        againstVotes: 0n,
        abstainVotes: 0n,
        raw: [0n, 0n, 0n],
        voted: new Map(),
        etaBlock: 0n,
        executed: false,
      });
      return { proposal: proposals.length - 1 };
    },
    castVote(voter, n, support, block) {
      const p = proposals[n];
      if (stateAt(p, block) !== "Active") return "GovernorUnexpectedProposalState";
      const who = voter.toLowerCase();
      if (p.voted.has(who)) return "GovernorAlreadyCastVote";
      if (support > 2) return "GovernorInvalidVoteType";
      const raw = votes.pastVotes(who, p.snapshot);
      // GovernorCountingBallots: a ballot counts sqrt(votes · 1e18) under quadratic counting.
      const weight = quadratic ? sqrtFloor(raw * 10n ** 18n) : raw;
      p.voted.set(who, support);
      p.raw[support] += raw;
      if (support === 0) p.againstVotes += weight;
      else if (support === 1) p.forVotes += weight;
      else p.abstainVotes += weight;
      return undefined;
    },
    queue(n, block) {
      const p = proposals[n];
      if (stateAt(p, block) !== "Succeeded") return "GovernorUnexpectedProposalState";
      p.etaBlock = block + BigInt(config.timelockDelayBlocks);
      return undefined;
    },
    execute(n, block) {
      const p = proposals[n];
      if (stateAt(p, block) !== "Queued") return "GovernorUnexpectedProposalState";
      if (block < p.etaBlock) return "TimelockUnexpectedOperationState";
      const invalid = checkChanges(p.changes, setters);
      if (invalid !== undefined) return invalid; // the timelock bubbles the setter's revert up
      applyChanges(params, p.changes, setters);
      p.executed = true;
      return undefined;
    },
    ballotOf: (n, voter) => proposals[n].voted.get(voter.toLowerCase()),
    deadlineOf: (n) => proposals[n].deadline,
    view(n, head) {
      const p = proposals[n];
      return {
        state: stateAt(p, head),
        snapshot: p.snapshot,
        deadline: p.deadline,
        forVotes: p.forVotes,
        againstVotes: p.againstVotes,
        abstainVotes: p.abstainVotes,
        quorum: p.snapshot < head ? quorumAt(p.snapshot) : 0n,
        etaBlock: p.etaBlock,
      };
    },
  };
}
