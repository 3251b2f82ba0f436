import type { BribeBooks, BribeCall } from "./bribeTypes.ts";
import type { DataMarketDeployment, DataMarketHandle } from "./dataMarketPort.ts";
import type {
  Ballot,
  Delegation,
  GovernanceDeployment,
  GovernedParams,
  ProposalDraft,
  ProposalView,
} from "./governanceTypes.ts";
import type {
  Address,
  FlaggedUid,
  GenesisStake,
  MarketSettlement,
  MismatchProof,
  PhaseResult,
  RegistrationResult,
  RegistrySnapshot,
  StakeMove,
  StakePosition,
  SupplyBooks,
  TaskBatch,
  WeightSubmission,
} from "./protocolTypes.ts";

export type * from "./bribeTypes.ts";
export type * from "./governanceTypes.ts";
export type * from "./protocolTypes.ts";

/**
 * The port: what the engine needs from the protocol, phase by phase. Two implementations keep the
 * same semantics: the contracts on Anvil (`sim/chain/session/`, the source of truth) and the
 * in-memory protocol (`sim/protocol/memory/`). Every write is one block and returns per-call
 * outcomes; a revert is an outcome, not an exception.
 */
export interface ProtocolSession {
  /** `anvil` or `memory`, for the manifest. */
  readonly backend: "anvil" | "memory";
  /** Whether calls meter gas (the contracts on Anvil do; the memory protocol reports 0 and its
   * run tables leave the gas columns empty). */
  readonly metersGas: boolean;
  /** Where the chain listens (`memory:` for the in-memory protocol). */
  readonly rpcUrl: string;
  /** The node's `web3_clientVersion` (e.g. `anvil/v1.7.1`), or the memory protocol's name. */
  readonly clientVersion: string;
  /** The subnet the session drives. */
  readonly netuid: number;
  /** Each agent's account, by slot (agent i of the deployment). */
  readonly agentAddresses: readonly Address[];
  /** Users' accounts in order (empty without a task market). */
  readonly userAddresses: readonly Address[];
  /** Delegators' accounts in order (the deployment's `delegators`; empty without). */
  readonly delegatorAddresses: readonly Address[];
  /** Epochs between a weight commit and its reveal, as deployed: a commit made while epoch e is open
   * can only be revealed while epoch e + revealDelayEpochs is. */
  readonly revealDelayEpochs: number;
  /** The subnet's emission split in basis points (owner + miners + validators = 10,000): as deployed,
   * or as the last executed governance proposal set it. */
  readonly emissionSplitBps: { owner: number; miners: number; validators: number };
  /** The subnet's slash share in basis points: as deployed, or as governance last set it. */
  readonly slashBps: number;
  /** Blocks per epoch (0: epochs are not aligned to blocks). */
  readonly epochBlocks: number;

  // Registration, UIDs and the epoch clock.
  /**
   * Registers each agent in one block, in order, each burning the registration price of that moment
   * (the price grows with each registration in the block). When the subnet is full a registration
   * replaces the non-immune UID with the lowest emission. A reverted register (short of the price,
   * all UIDs immune) is an outcome, not an error.
   */
  registerAgents(agents: readonly { agent: string; address: Address }[]): Promise<RegistrationResult>;
  /** Each agent stakes `amount` on UID `uid` from its own balance, in one block. */
  stakeGenesis(stakes: readonly GenesisStake[]): Promise<PhaseResult>;
  /**
   * Stake that moves, in one block, in order: stake, unstake (into the pool's unbonding part until
   * the deployment's cooldown has passed; at once without one), withdraw and setTake (a cut at once,
   * a raise of at most 500 bps after 50 blocks), each from its own account (an agent's or a
   * delegator's). Reverts (InsufficientStake, StillCoolingDown, NothingToWithdraw, TakeTooHigh,
   * TakeStepTooLarge, HotkeyMismatch, ZeroAmount, ...) are outcomes.
   */
  moveStake(moves: readonly StakeMove[]): Promise<PhaseResult>;
  /** Each (staker, hotkey) position at the latest block. */
  readStakePositions(positions: readonly { staker: Address; hotkey: Address }[]): Promise<StakePosition[]>;
  /** Each hotkey's take in force at the latest block (basis points). */
  readTakes(hotkeys: readonly Address[]): Promise<number[]>;
  /** Every UID of the subnet now: hotkey, registration block, last recorded emission. */
  readUids(): Promise<RegistrySnapshot>;
  /**
   * Mines empty blocks so that epoch `epoch` starts at block origin + epoch · epochBlocks, where the
   * first call fixes the origin (its next block). Fails when an epoch used more blocks than that.
   */
  alignEpoch(epoch: number): Promise<bigint>;

  // Epochs, permits and weights.
  /** Opens `epoch`; validator permits go to `permits` (default: the top maxValidators UIDs by
   * stake, stake > 0), set in the same block. */
  openEpoch(epoch: number, permits?: readonly number[]): Promise<PhaseResult>;
  commitWeights(epoch: number, submissions: readonly WeightSubmission[]): Promise<PhaseResult>;
  revealWeights(epoch: number, submissions: readonly WeightSubmission[]): Promise<PhaseResult>;
  /** Each UID's stake (wei), in UID order. */
  readStakes(): Promise<bigint[]>;
  /** Block at which each UID registered. */
  readRegisteredAt(): Promise<bigint[]>;
  /** Revealed u16 rows of an epoch, n×n row-major (zeros where no reveal), and who revealed. */
  readRevealedWeights(epoch: number, n: number): Promise<{ weights: Float64Array; revealed: boolean[] }>;

  // Emission.
  /** Pays `amounts` (wei) to `recipients` for `epoch` through the emission contract (each must hold a
   * UID): exactly, when they sum to the epoch's emission; otherwise in their proportions. */
  payEpoch(epoch: number, recipients: readonly Address[], amounts: readonly bigint[]): Promise<PhaseResult>;
  /** Pays the epoch from the mechanism's vectors: the subnet's split, miners ∝ incentive, validators
   * ∝ dividends, validator take liquid and the rest compounded into the validator's stake pool. */
  distributeEmission(
    epoch: number,
    incentive: ArrayLike<number>,
    dividends: ArrayLike<number>,
  ): Promise<PhaseResult>;

  // Task market and slashing. Users are accounts outside the subnet that pay for the epoch's tasks;
  // the driver is the subnet owner and governance, and the watcher that submits mismatch proofs.
  /** Each user escrows its batch's fee for `epoch` (TaskMarket.postTasks), in one block. */
  postTasks(epoch: number, batches: readonly TaskBatch[]): Promise<PhaseResult>;
  /** Whether Emission has settled `epoch` (paid or failed). */
  isEpochSettled(epoch: number): Promise<boolean>;
  /** Emission.failEpoch: nothing is minted for `epoch` and its escrow is refunded. */
  failEpoch(epoch: number): Promise<PhaseResult>;
  /** What the market paid out in blocks `fromBlock`..latest for `epoch`. */
  readMarketSettlement(epoch: number, fromBlock: bigint): Promise<MarketSettlement>;
  /** The watcher's check: of the reveal payloads for `epoch`, those whose commit hash differs from
   * the UID's on-chain commitment. */
  findMismatches(epoch: number, reveals: readonly MismatchProof[]): Promise<MismatchProof[]>;
  /** One block of slashes: the watcher's mismatch proofs for `epoch` (each payload signed by its
   * validator, EIP-712), within the proof window, and the owner's slashes of the `flagged` UIDs
   * (each pinned to a hotkey; at most one per hotkey per open epoch). */
  slash(
    epoch: number,
    proofs: readonly MismatchProof[],
    flagged: readonly FlaggedUid[],
  ): Promise<PhaseResult>;

  // Governance: OpenZeppelin's Governor over the votes token, a timelock owning the subnet's tunable
  // parameters. Only with a deployment's `governance` (otherwise each call throws
  // CRUCIBLE_INVALID_ARGUMENT). Proposals are numbered 0, 1, 2, ... in the order they were created.
  /** Governance as deployed, or undefined. */
  readonly governance: GovernanceDeployment | undefined;
  /** Each agent delegates its votes (ERC20Votes.delegate), in one block. */
  delegateVotes(delegations: readonly Delegation[]): Promise<PhaseResult>;
  /** Each draft proposed by its proposer (Governor.propose), in one block; `proposals[i]` is draft i's
   * number, or null when its propose reverted. */
  propose(drafts: readonly ProposalDraft[]): Promise<PhaseResult & { proposals: (number | null)[] }>;
  /** Each ballot cast on `proposal` (Governor.castVote), in one block. */
  castVotes(proposal: number, ballots: readonly Ballot[]): Promise<PhaseResult>;
  /** Governor.queue of each proposal (it schedules the proposal's calls on the timelock), in one block. */
  queueProposals(proposals: readonly number[]): Promise<PhaseResult>;
  /** Governor.execute of each proposal (the timelock makes its calls), in one block. */
  executeProposals(proposals: readonly number[]): Promise<PhaseResult>;
  /** A proposal's state, votes, quorum and timing at the latest block. */
  readProposal(proposal: number): Promise<ProposalView>;
  /** Each address's current votes (ERC20Votes.getVotes), wei. */
  readVotes(addresses: readonly Address[]): Promise<bigint[]>;
  /** Each address's votes at `proposal`'s snapshot, what its ballot weighs (ERC20Votes.getPastVotes);
   * zeros while the snapshot block is not mined yet. */
  readSnapshotVotes(proposal: number, addresses: readonly Address[]): Promise<bigint[]>;
  /** The subnet's governable parameters now. */
  readGovernedParams(): Promise<GovernedParams>;
  /** One block of calls on the vote buyer's bribe escrow (VoteBribeEscrow, deployed only with
   * `governance.bribes`; otherwise CRUCIBLE_INVALID_ARGUMENT): token approvals of it, offers, claims
   * and refunds, each call's outcome (`functionName`: the call's kind). */
  submitBribes(calls: readonly BribeCall[]): Promise<PhaseResult>;
  /** The escrow's token balance, unpaid bribes and offer count. */
  readBribeBooks(): Promise<BribeBooks>;

  // Reads.
  readBalances(addresses: readonly Address[]): Promise<bigint[]>;
  readTotalSupply(): Promise<bigint>;
  /**
   * Deploys a DataMarket beside the protocol (one block), trading in the protocol's token, with
   * `providers` provider accounts derived from the seed. Optional: a run with a `dataMarket` section
   * needs it.
   */
  startDataMarket?(
    market: Omit<DataMarketDeployment, "treasury">,
    providers: number,
  ): Promise<DataMarketHandle>;
  readSupplyBooks(): Promise<SupplyBooks>;

  // Checkpoints (left out: the implementation cannot save its state, and a run on it has none).
  /** The protocol's whole state between two epochs, as a structured-cloneable value. */
  saveState?(): Promise<unknown>;
  /** Puts a state `saveState` returned back, into a session started from the same deployment. */
  loadState?(state: unknown): Promise<void>;
  /**
   * Hands agents a fork adds (their slots are past the parent's, so the loaded state gave them
   * nothing) the genesis allocation they would have had: minted to each, as new supply, mining no
   * block. Left out: the implementation cannot add agents at a fork.
   */
  fundAgents?(grants: readonly { address: Address; amount: bigint }[]): Promise<void>;
  stop(): Promise<void>;
}
