/**
 * The records the protocol port speaks in, free of any chain library: an address and a hex string
 * are the same `0x…` strings viem uses, so the Anvil implementation passes its values through.
 */

/** A 20-byte account address, `0x` and 40 hex digits (checksummed or not). */
export type Address = `0x${string}`;
/** Bytes as a `0x`-prefixed hex string. */
export type Hex = `0x${string}`;

/** One call's outcome in a block: a revert is an outcome (with the contract's custom error name),
 * not an exception. `gasUsed` is 0 on the memory protocol, which has no gas. */
export interface CallRecord {
  agent: string;
  functionName: string;
  status: "success" | "reverted";
  error?: string;
  gasUsed: bigint;
}

/** What the port reports of a phase's calls, settled together: each call's outcome, the gas used and the
 * (last) block number. */
export interface PhaseResult {
  outcomes: CallRecord[];
  gasUsed: bigint;
  block: bigint;
}

/** What the engine keeps of a block it sent: each call's outcome and the gas used. */
export type PhaseOutcomes = Pick<PhaseResult, "outcomes" | "gasUsed">;

/** An agent as the protocol knows it: a name (for the outcome tables) and its account. */
export interface SessionAgent {
  agent: string;
  address: Address;
}

/** A validator's weight row for an epoch, with the salt that hides it until the reveal. */
export interface WeightSubmission extends SessionAgent {
  uids: number[];
  weights: number[];
  salt: Hex;
}

export interface RegistrationResult extends PhaseResult {
  /** What each agent burned (wei), in input order: its balance before minus after; 0 on a revert. */
  burned: bigint[];
}

/** Every UID of the subnet: hotkey, registration block, last recorded emission (index = UID). */
export interface RegistrySnapshot {
  readonly hotkeys: Address[];
  /** Block in which each UID's current hotkey registered. */
  readonly registeredAt: bigint[];
  /** Each UID's emission in the last paid epoch (what pruning compares). */
  readonly emission: bigint[];
}

/** One user's task batch for an epoch: `tasks` queries paid with `fee` (wei) held in escrow. */
export interface TaskBatch {
  /** Index of the user (`userAddresses[user]`). */
  user: number;
  tasks: number;
  fee: bigint;
}

/** How the task market settled an epoch's escrow. */
export interface MarketSettlement {
  /** Fees released to the subnet (agents, plus the owner's cut and rounding dust), in wei. */
  released: bigint;
  /** Fees refunded to the users, in wei. */
  refunded: bigint;
  /** What the market transferred to each address (lower case), released fees and refunds alike. */
  paidTo: Map<string, bigint>;
}

/** A reveal whose signed payload differs from the on-chain commitment (the proof the watcher sends). */
export interface MismatchProof {
  uid: number;
  /** The reveal payload the validator signed (its uids, weights and salt). */
  submission: WeightSubmission;
}

/** Where every token is at the end of a run (wei): the books must balance. */
export interface SupplyBooks {
  totalSupply: bigint;
  totalBurned: bigint;
  /** Token balances of every account the run knows: agents, users and the driver (subnet owner). */
  accountBalances: bigint;
  totalStaked: bigint;
  totalUnbonding: bigint;
  totalEscrow: bigint;
}

/** A genesis stake: `amount` wei from the agent's balance onto UID `uid`, which must be held by
 * `hotkey` (default: the agent's own address), else the stake reverts HotkeyMismatch. */
export type GenesisStake = SessionAgent & { uid: number; amount: bigint; hotkey?: Address };

/** An owner's slash of UID `uid`, pinned to the hotkey the owner means (HotkeyMismatch otherwise). */
export interface FlaggedUid {
  uid: number;
  hotkey: Address;
}

/**
 * One call of a `moveStake` block, from `address` (an agent's or a delegator's account):
 * Staking.stake onto UID `uid` pinned to `hotkey`, unstake of `amount` tokens from `hotkey`'s pool,
 * withdraw of what has cooled down from `hotkey`'s pool, or setTake (the caller's own take).
 */
export type StakeMove = SessionAgent &
  (
    | { kind: "stake"; uid: number; hotkey: Address; amount: bigint }
    | { kind: "unstake"; hotkey: Address; amount: bigint }
    | { kind: "withdraw"; hotkey: Address }
    | { kind: "setTake"; bps: number }
  );

/** A staker's position on a hotkey's pool (Staking.stakeBy, sharesOf, unbondingOf), at the latest
 * block: what it could unstake, its shares, what it has cooling down and when that is released (0:
 * nothing cooling down, or never unstaked). */
export interface StakePosition {
  stake: bigint;
  shares: bigint;
  unbonding: bigint;
  releaseBlock: bigint;
}
