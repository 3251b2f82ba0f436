import type { Address } from "viem";
import type { MarketAndSlashing } from "./marketSlashingSession.ts";
import type { Registration } from "./registrationSession.ts";

/**
 * What the engine needs from the chain, phase by phase. The Anvil-backed implementation is
 * `startProtocolSession` (sim/engine/startProtocolSession.ts); the engine's epoch logic only sees
 * this interface. Every phase is mined as one block and returns per-call outcomes: a revert is an
 * outcome, not an exception.
 */
export interface CallRecord {
  agent: string;
  functionName: string;
  status: "success" | "reverted";
  error?: string;
  gasUsed: bigint;
}

export interface PhaseResult {
  outcomes: CallRecord[];
  gasUsed: bigint;
  block: bigint;
}

/** What the engine keeps of a block it sent: each call's outcome and the gas used. */
export type PhaseOutcomes = Pick<PhaseResult, "outcomes" | "gasUsed">;

export interface SessionAgent {
  agent: string;
  address: Address;
}

export interface WeightSubmission extends SessionAgent {
  uids: number[];
  weights: number[];
  salt: `0x${string}`;
}

export interface ProtocolSession extends MarketAndSlashing, Registration {
  readonly rpcUrl: string;
  /** The node's `web3_clientVersion`, e.g. `anvil/v1.7.1`, for the manifest. */
  readonly clientVersion: string;
  /** Each UID's account, in UID order (validators first, then miners). */
  readonly agentAddresses: readonly Address[];
  readonly addresses: Record<string, Address>;
  /** Epochs between a weight commit and its reveal, as deployed (the subnet's `revealDelayEpochs`):
   * a commit made while epoch e is open can only be revealed while epoch e + revealDelayEpochs is. */
  readonly revealDelayEpochs: number;
  /** The subnet's emission split as deployed, in basis points (owner + miners + validators = 10,000). */
  readonly emissionSplitBps: { owner: number; miners: number; validators: number };
  registerAll(agents: readonly SessionAgent[]): Promise<PhaseResult>;
  /** Genesis: give each validator `amount` tokens and stake them on its own UID. */
  stakeGenesis(stakes: readonly (SessionAgent & { uid: number; amount: bigint })[]): Promise<PhaseResult>;
  openEpoch(epoch: number): Promise<PhaseResult>;
  commitWeights(epoch: number, submissions: readonly WeightSubmission[]): Promise<PhaseResult>;
  revealWeights(epoch: number, submissions: readonly WeightSubmission[]): Promise<PhaseResult>;
  readStakes(): Promise<bigint[]>;
  /** Block at which each UID registered. */
  readRegisteredAt(): Promise<bigint[]>;
  /** Revealed u16 rows of an epoch, n×n row-major (zeros where no reveal), and who revealed. */
  readRevealedWeights(epoch: number, n: number): Promise<{ weights: Float64Array; revealed: boolean[] }>;
  payEpoch(epoch: number, recipients: readonly Address[], amounts: readonly bigint[]): Promise<PhaseResult>;
  /** Pays the epoch on-chain from the mechanism's vectors through Emission.distribute: the subnet's
   * split, miners ∝ incentive, validators ∝ dividends, validator take liquid and the rest compounded
   * into the validator's stake pool. */
  distributeEmission(
    epoch: number,
    incentive: ArrayLike<number>,
    dividends: ArrayLike<number>,
  ): Promise<PhaseResult>;
  readBalances(addresses: readonly Address[]): Promise<bigint[]>;
  readTotalSupply(): Promise<bigint>;
  stop(): Promise<void>;
}
