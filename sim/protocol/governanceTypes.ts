/**
 * Governance as the port speaks it: OpenZeppelin's Governor (simple counting, votes from the ERC20Votes
 * token, quorum as a fraction of the past total supply) behind a TimelockController that alone may
 * change the subnet's tunable parameters. Plain values only (bigints, `0x…` strings).
 */
import type { Address, SessionAgent } from "./protocolTypes.ts";

/** Governance as deployed: every duration in blocks (the Anvil session mines one second per block, so
 * the timelock's delay in seconds counts blocks too). */
export interface GovernanceDeployment {
  /** Blocks from a proposal to its snapshot (votes count as held at the end of that block). */
  votingDelayBlocks: number;
  /** Blocks the vote stays open after the snapshot. */
  votingPeriodBlocks: number;
  /** Votes (wei) a proposer must hold at the previous block; 0: anyone may propose. */
  proposalThresholdWei: bigint;
  /** Quorum: for + abstain votes must reach this share of the past total supply, basis points. */
  quorumBps: number;
  /** Blocks between queueing a passed proposal and the earliest block it can execute in. */
  timelockDelayBlocks: number;
  /** How ballots count: by their votes (simple, the default) or by the square root of their votes
   * (quadratic: GovernorCountingBallots; the quorum still counts the votes themselves). */
  counting?: "simple" | "quadratic";
  /** Deploy a VoteBribeEscrow beside the Governor (a vote buyer's bribes); default false. */
  bribes?: boolean;
  /** Let the timelock change the protocol-wide parameters too: the validator take ceiling
   * (GovernedStaking), the epoch emission (GovernedEmission) and the reveal delay
   * (GovernedRevealRegistry), deployed instead of Staking, Emission and GovernedSubnetRegistry;
   * default false (those contracts, and their gas, as before). */
  protocolSetters?: boolean;
}

/** Whether the Governor must record ballots (CrucibleBallotGovernor rather than CrucibleGovernor): a
 * bribe escrow reads them, and quadratic counting is GovernorCountingBallots's. */
export const recordsBallots = (g: GovernanceDeployment): boolean =>
  g.counting === "quadratic" || g.bribes === true;

/** The parameters a proposal can change (each present field is one call of the proposal, in this
 * order: emission split, slash share, immunity, registration burn, reveal delay, take ceiling, epoch
 * emission). The last three need a deployment with `protocolSetters`. */
export interface ParameterChanges {
  emissionSplit?: { ownerBps: number; minerBps: number; validatorBps: number };
  slashBps?: number;
  immunityPeriod?: bigint;
  registrationBurn?: { minBurn: bigint; maxBurn: bigint; burnIncreaseBps: number; burnHalfLife: bigint };
  /** GovernedRevealRegistry.setRevealDelay (<= 100, else InvalidParams). */
  revealDelayEpochs?: number;
  /** GovernedStaking.setTakeCeiling (<= the deployment's maxTakeBps, else TakeCeilingTooHigh). */
  takeCeilingBps?: number;
  /** GovernedEmission.setEpochEmission, wei (1 .. 2 × the deployed rate, else EmissionOutOfBounds). */
  epochEmission?: bigint;
}

/** Whether a proposal's changes need `protocolSetters`. */
export const needsProtocolSetters = (c: ParameterChanges): boolean =>
  c.revealDelayEpochs !== undefined || c.takeCeilingBps !== undefined || c.epochEmission !== undefined;

/** The governable parameters as they are now (what `ParameterChanges` can change). */
export interface GovernedParams {
  ownerBps: number;
  minerBps: number;
  validatorBps: number;
  slashBps: number;
  immunityPeriod: bigint;
  minBurn: bigint;
  maxBurn: bigint;
  burnIncreaseBps: number;
  burnHalfLife: bigint;
  revealDelayEpochs: number;
  /** The take ceiling in force (Staking.maxTakeBps where it is not governed). */
  takeCeilingBps: number;
  /** The emission per epoch before halvings (Emission.baseEpochEmission where it is not governed). */
  epochEmission: bigint;
}

/** A proposal to send: who proposes, what it changes, and its text (made unique by the session). */
export interface ProposalDraft {
  proposer: SessionAgent;
  changes: ParameterChanges;
  description: string;
}

/** OpenZeppelin's IGovernor.ProposalState, by its index. */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** A vote: 0 against, 1 for, 2 abstain (GovernorCountingSimple.VoteType). */
export type VoteSupport = 0 | 1 | 2;

export interface Ballot extends SessionAgent {
  support: VoteSupport;
}

/** A proposal as the chain holds it now. */
export interface ProposalView {
  state: ProposalState;
  /** The block whose end the votes are counted at. */
  snapshot: bigint;
  /** The last block votes can be cast in. */
  deadline: bigint;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  /** Votes needed (for + abstain): quorumBps of the total supply at the snapshot (0 while it is in
   * the future). */
  quorum: bigint;
  /** The first block it can execute in once queued (0 while not queued). */
  etaBlock: bigint;
}

/** Delegation: `address` (an agent) delegates its votes to `delegatee`. */
export interface Delegation extends SessionAgent {
  delegatee: Address;
}
