import type { Mechanism } from "../mechanisms/mechanism.ts";
import type { CallRecord, GovernedParams, ProtocolSession } from "../protocol/protocolSession.ts";
import type { Address } from "../protocol/protocolTypes.ts";
import type { Rng } from "../rng/createRng.ts";
import type { AgentEpochRow, EpochRow, Phase, PhaseTimingRow } from "../run/runTables.ts";
import type { SubnetTask } from "../tasks/subnetTask.ts";
import type { AnsweredBatch } from "./answerQueries.ts";
import type { Population } from "./buildPopulation.ts";
import type { DelegationDriver } from "./delegationDriver.ts";
import type { EpochState } from "./epochState.ts";
import type { GovernanceDriver } from "./governanceDriver.ts";
import type { SlashingConfig } from "./slashingPhase.ts";
import type { TaskMarketConfig } from "./taskMarket.ts";

/** What one epoch needs; built once by `runScenario`. */
export interface EpochContext {
  population: Population;
  session: ProtocolSession;
  task: SubnetTask;
  /** THE inference call: all miners answer the concatenated query batch, [miners × queries × outputs]
   * (asynchronous on webgpu, which reads results back asynchronously). */
  infer(queries: Float32Array, nQueries: number): Float32Array | Promise<Float32Array>;
  addressOf: readonly Address[];
  mechanism: Mechanism<unknown>;
  /** What the direct path pays the agents each epoch: the emission less the owner's cut. */
  emissionWei: bigint;
  /** The scenario's emission split (owner: the subnet owner's cut, not an agent; default 0). */
  split: { owner?: number; miners: number; validators: number };
  /**
   * How emission is paid: `direct` (default) pays the engine's exact split of `emissionWei`;
   * `contract` pays through Emission.distribute with the subnet's split (which must equal `split`),
   * validator take liquid and the rest compounded into stake, and an agent's reward is its change of
   * balance plus stake.
   */
  emissionPath?: "direct" | "contract";
  rng: Rng;
  /** The task market (users escrow fees for each epoch's tasks); none when absent or without users. */
  market?: TaskMarketConfig;
  /** Slashing: the watcher's mismatch proofs and the owner's miner flags; none when absent. */
  slashing?: SlashingConfig;
  /** Governance (proposals, votes, execution), run after emission; none without a `governance:` section. */
  governance?: GovernanceDriver;
  /** The stake Yuma weighs at an epoch, by agent (tokens), instead of the chain's: a network run with
   * `dtao.stakeFeedback`. Awaited before the epoch's mechanism. */
  yumaStake?: (epoch: number) => Promise<ReadonlyMap<string, number>>;
  /** Delegators and validators' takes, run after governance; none without a `delegation:` section. */
  delegation?: DelegationDriver;
  /** Monotonic clock for phase timings (never feeds a result). */
  now(): number;
}

/** A transaction's outcome, with the epoch and phase that sent it. */
export type EpochOutcome = CallRecord & { epoch: number; phase: Phase };

export interface EpochResult {
  epochRow: EpochRow;
  agentRows: AgentEpochRow[];
  timings: PhaseTimingRow[];
  outcomes: EpochOutcome[];
  state: EpochState;
  /** This epoch's queries and what each miner holding a UID submitted (e.g. for answer digests). */
  answered: AnsweredBatch;
  /** Emission each UID received this epoch (wei; fees apart), for the built-in invariants. */
  rewardWei: bigint[];
  /** Stake burned by slashes this epoch, per UID (wei). */
  slashedWei: bigint[];
  /** The epoch whose reveals counted this epoch (−1 before the first due reveal). */
  revealEpoch: number;
  /** The governed parameters when a proposal executed this epoch (they apply from the next), else null. */
  governed: GovernedParams | null;
}
