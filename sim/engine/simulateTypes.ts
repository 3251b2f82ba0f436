import type { InferenceBackendInfo } from "../inference/initInferenceBackend.ts";
import type { Mechanism } from "../mechanisms/mechanism.ts";
import type { StartProtocol } from "../protocol/protocolDeployment.ts";
import type { ProtocolSession, SupplyBooks } from "../protocol/protocolSession.ts";
import type { AnswerDigestRow } from "../run/answerDigests.ts";
import type { AgentEpochRow, EpochRow, PhaseTimingRow, RunTables } from "../run/runTables.ts";
import type { OutcomeRow } from "../run/runTablesToCsv.ts";
import type { Scenario } from "../scenario/scenarioSchema.ts";
import type { Population } from "./buildPopulation.ts";
import type { EngineSnapshot, ResumePoint } from "./engineSnapshot.ts";

/** A validated run: the resolved scenario, its population and its mechanism (see `prepareRun`). */
export interface SimulationInput {
  scenario: Scenario;
  population: Population;
  mechanism: Mechanism<unknown>;
}

export interface SimulateOptions {
  /** Starts the protocol the run drives (the Anvil contracts or the in-memory protocol). */
  startProtocol: StartProtocol;
  backend?: Scenario["inference"]["backend"];
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Where the run stands, at each phase's start and end and after every epoch (default: none). */
  progress?: (p: RunProgress) => void;
  /** Called once the genesis registrations and stakes are settled, with their outcomes (not on a resume). */
  onGenesis?: (outcomes: readonly OutcomeRow[]) => Promise<void> | void;
  /** Called as each epoch ends, with its rows, before the next starts (runScenario streams them). */
  onEpoch?: (end: EpochEnd) => Promise<void> | void;
  /** Continue from a snapshot instead of genesis (`crucible run --resume`, `crucible fork`). */
  resume?: ResumePoint;
  /** The stake Yuma weighs, from a network's dTAO layer (`dtao.stakeFeedback`); default: the chain's. */
  yumaStake?: (epoch: number) => Promise<ReadonlyMap<string, number>>;
  /** Stop after this epoch (default: the scenario's last), e.g. to replay up to a fork's epoch. */
  lastEpoch?: number;
}

/** One finished epoch's rows, and its state on request (a checkpoint). */
export interface EpochEnd {
  epoch: number;
  epochRow: EpochRow;
  agentRows: readonly AgentEpochRow[];
  timings: readonly PhaseTimingRow[];
  outcomes: readonly OutcomeRow[];
  /** Answer digests (empty without `inference.answerDigests`). */
  digests: readonly AnswerDigestRow[];
  /** The engine's state after this epoch; the protocol must support `saveState` (else it throws). */
  snapshot(): Promise<EngineSnapshot>;
  /** Whether the protocol can save its state (false: `snapshot` throws). */
  canSnapshot: boolean;
}

/** A run's phases in order (`report` is sent by runScenario); `done` of `total` counts epochs for `epochs`, else 0 or 1. */
export interface RunProgress {
  phase: "models" | "registration" | "epochs" | "report";
  done: number;
  total: number;
}

/** What a simulated run produced, before anything is written. */
export interface SimulatedRun {
  tables: RunTables;
  /** Every transaction's outcome (setup included), for transactions.csv. */
  outcomes: OutcomeRow[];
  /** Per-answer digests (only with `inference.answerDigests`). */
  digests: AnswerDigestRow[] | null;
  /** Where every token was at the end of the run (wei): balances + stake + escrow = supply. */
  supplyBooks: SupplyBooks;
  inference: InferenceBackendInfo & { workers: number };
  protocol: { backend: ProtocolSession["backend"]; clientVersion: string };
  /** Wall time of the setup phases (models, chain, quality) and the epochs, in ms. */
  setupMs: Record<string, number>;
}
