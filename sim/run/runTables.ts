/**
 * The run's result tables: the contract between the engine (which records them), the run folder
 * (which writes them as CSV) and reports/ (which reads them). Everything here is deterministic for a
 * given scenario and seed; wall-clock timings live in their own table (`PhaseTimingRow`), which is
 * excluded from the results hash.
 */

/** One row per epoch (epochs.csv). */
export interface EpochRow {
  epoch: number;
  block: number;
  /** Tokens minted and paid this epoch (wei as a decimal string). */
  emissionWei: string;
  /** Same, in whole tokens as float for charts. */
  emission: number;
  /** Total token supply after the epoch, in whole tokens. */
  supply: number;
  /** Queries answered by miners this epoch (miners × queries). */
  inferences: number;
  /** Transactions sent this epoch, and how many reverted. */
  transactions: number;
  reverted: number;
  gasUsed: number;
  /** Validators whose reveal was accepted this epoch. */
  reveals: number;
}

/** One row per agent per epoch (agent_epochs.csv). */
export interface AgentEpochRow {
  epoch: number;
  uid: number;
  agent: string;
  role: "miner" | "validator";
  /** Mean score validators gave this miner (0..1), or the validator's mean given score. */
  score: number;
  incentive: number;
  dividends: number;
  /** Tokens paid to the agent this epoch (whole tokens) and cumulatively. */
  reward: number;
  cumulativeReward: number;
  stake: number;
}

/** One row per agent (agents.csv). */
export interface AgentRow {
  uid: number;
  agent: string;
  role: "miner" | "validator";
  strategy: string;
  address: string;
  /** Miner's model quality tier and its true held-out accuracy (NaN for validators). */
  tier: string;
  trueQuality: number;
  stake: number;
  totalReward: number;
  /**
   * What the agent spent over the run, in tokens, priced by the scenario's `costs`: compute (each
   * query a miner answered with its own model) and the opportunity cost of a validator's locked stake.
   */
  cost: number;
}

/** Wall time per phase per epoch in milliseconds (timings.csv; not part of the results hash). */
export interface PhaseTimingRow {
  epoch: number;
  phase: Phase;
  ms: number;
}

export const PHASES = ["tasks", "inference", "scoring", "commit", "reveal", "mechanism", "emission"] as const;
export type Phase = (typeof PHASES)[number];

export interface RunTables {
  epochs: EpochRow[];
  agentEpochs: AgentEpochRow[];
  agents: AgentRow[];
  timings: PhaseTimingRow[];
}
