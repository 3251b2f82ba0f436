import type { DataProviderRow, DataPurchaseRow, DataQualityRow } from "./dataMarketTables.ts";
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
  /**
   * Task market (tokens; 0 without one): fees users escrowed for this epoch's tasks, and how the
   * epoch's escrow left: released to the subnet (agents, plus the owner's cut and rounding dust) or
   * refunded to the users when the epoch failed. released + refunded = escrowed.
   */
  feesEscrowed: number;
  feesReleased: number;
  feesRefunded: number;
  /** Stake burned by slashes this epoch (tokens; it leaves the supply). */
  slashed: number;
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
  /** Task fees released to the agent this epoch (tokens; apart from `reward`, which is emission). */
  fees: number;
  /** Stake of the agent burned by slashes this epoch (tokens). */
  slashed: number;
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
   * What the agent spent over the run, in tokens: its registration burn, and as the scenario's `costs`
   * price them, compute (each query a miner answered with its own model) and the opportunity cost of
   * locked stake over the epochs it held a UID.
   */
  cost: number;
  /** Task fees received over the run (tokens; apart from `totalReward`, which is emission). */
  totalFees: number;
  /** Stake burned by slashes over the run (tokens): a loss in attack profit after costs. */
  slashed: number;
  /** Tokens it burned registering its UID (part of `cost`; 0 if it never registered). */
  registrationBurn: number;
  /** Epoch at whose start a later registration pruned it (replaced its UID); -1 if never. */
  prunedEpoch: number;
}

/**
 * One row per operator the scenario declares (operators.csv, only when it declares any), plus one
 * row `independent` for every agent that works alone: its agents pooled into one profit line.
 */
export interface OperatorRow {
  operator: string;
  agents: number;
  miners: number;
  validators: number;
  /** Its agents' strategies, distinct, sorted, joined with "|". */
  strategies: string;
  /** Stake its agents hold at the end (tokens). */
  stake: number;
  totalReward: number;
  totalFees: number;
  cost: number;
  slashed: number;
  /** totalReward + totalFees − cost − slashed. */
  profit: number;
  /** Its share of all rewards paid, and of the final stake. */
  rewardShare: number;
  stakeShare: number;
}

/** One row per epoch per adaptive agent (choices.csv, only when the run has one). */
export interface ChoiceRow {
  epoch: number;
  agent: string;
  choice: string;
  /** The payoff (0..1) it observed this epoch for its previous choice; empty before it had any. */
  observed: number;
}

/** One row per governance event (governance.csv, only in runs with a `governance:` section):
 * a proposal, each vote, its queueing and execution, and how it ended. */
export interface GovernanceRow {
  epoch: number;
  /** The proposal's number (0, 1, 2, ... in creation order; -1 for a propose that reverted). */
  proposal: number;
  /** `offer`, `claim`, `refund`: a vote buyer's bribes (governance.voteBuyer) through the escrow. */
  action: "propose" | "vote" | "queue" | "execute" | "outcome" | "offer" | "claim" | "refund";
  /** Who acted (the proposer, the voter; `driver` queues and executes; empty for an outcome). */
  agent: string;
  /** A vote's choice (for, against, abstain); empty for other actions. */
  support: string;
  /** A vote: its weight, the voter's votes (tokens) at the proposal's snapshot; an outcome: the
   * for-votes counted. */
  votes: number;
  /** The transaction's status (success, reverted); for an outcome, the proposal's final state. */
  status: string;
  /** The revert's custom error name, or empty. */
  error: string;
  /** What the proposal changes (propose, outcome), or the voter's expected income change per epoch in
   * tokens (vote). */
  detail: string;
}

/** Wall time per phase per epoch in milliseconds (timings.csv; not part of the results hash). */
export interface PhaseTimingRow {
  epoch: number;
  phase: Phase;
  ms: number;
}

/**
 * The epoch's phases in pipeline order. `register` starts the epoch: empty blocks up to its first
 * block (epochs are `tempo` blocks apart), joiners' registrations and stakes, and the UIDs read back
 * from the registry.
 */
export const PHASES = [
  "register",
  "tasks",
  "inference",
  "scoring",
  "commit",
  "reveal",
  "mechanism",
  "emission",
] as const;
/** Phases that run only when the scenario asks for them (after emission). */
export const OPTIONAL_PHASES = ["slashing", "governance", "delegation"] as const;
export type Phase = (typeof PHASES)[number] | (typeof OPTIONAL_PHASES)[number];

export interface RunTables {
  epochs: EpochRow[];
  agentEpochs: AgentEpochRow[];
  agents: AgentRow[];
  timings: PhaseTimingRow[];
  /** Written (and hashed) only when the scenario declares operators / has adaptive agents, so runs
   * without them keep their tables and results hash. */
  operators?: OperatorRow[];
  choices?: ChoiceRow[];
  /** Only in runs with a data market (sim/run/dataMarketTables.ts). */
  dataPurchases?: DataPurchaseRow[];
  dataProviders?: DataProviderRow[];
  dataQuality?: DataQualityRow[];
  /** Only in runs with governance. */
  governance?: GovernanceRow[];
  /** Only in runs with a delegation: section. */
  stakeMoves?: StakeMoveRow[];
  delegators?: DelegatorRow[];
  /** Only in runs with a participation: section. */
  participation?: ParticipationRow[];
}

/** One row per entry, exit or prune (participation.csv, only in runs with a `participation:`
 * section): a prospect registering, an agent that stops serving, a UID pruned from an agent. */
export interface ParticipationRow {
  /** enter: the epoch at whose start it registered; exit: the epoch after which it stopped serving;
   * pruned: the epoch at whose start it no longer held its UID. */
  epoch: number;
  agent: string;
  tier: string;
  strategy: string;
  action: "enter" | "exit" | "pruned";
  /** enter: comparable miners' recent mean reward per epoch; exit: its own over the streak. */
  rewardPerEpoch: number;
  costPerEpoch: number;
  /** enter: the burn it expected, and what it burned. */
  burn: number;
  burned: number;
  /** enter: expected profit over the horizon; exit: its own profit over the streak. */
  profit: number;
  outcome: string;
}

/** One row per stake move (stake_moves.csv, only in runs with a `delegation:` section): a
 * delegator's stake, unstake or withdraw, or a validator's setTake, with its outcome. */
export interface StakeMoveRow {
  epoch: number;
  /** Who sent it: a delegator (<group>-<i>) or a validator (setTake). */
  actor: string;
  action: "stake" | "unstake" | "withdraw" | "setTake";
  /** The validator the stake leaves (unstake, withdraw), or empty. */
  from: string;
  /** The validator the stake goes to (stake), or empty. */
  to: string;
  /** Tokens moved (a withdraw: what had cooled down; setTake: 0). */
  amount: number;
  /** setTake: the take asked for (fraction); other actions: empty. */
  take: number;
  /** success, or the revert's custom error name. */
  outcome: string;
}

/** One row per delegator per epoch (delegators.csv, only in runs with a `delegation:` section). */
export interface DelegatorRow {
  epoch: number;
  delegator: string;
  strategy: string;
  /** The validator it is staked on after the epoch's moves, or empty while its stake is unbonding. */
  validator: string;
  /** Tokens it could unstake after the epoch's moves. */
  stake: number;
  /** Tokens cooling down (unstaked, not yet withdrawn). */
  unbonding: number;
  /** Liquid tokens. */
  balance: number;
  /** What its stake earned this epoch (compounded dividends net of take, less slashes). */
  reward: number;
  /** reward / what it had staked when the epoch began (0 while nothing was staked). */
  yield: number;
}

/**
 * How a CSV column reads back: `number` must be a finite number, `optionalNumber` may also be empty
 * (NaN, as `toCsv` writes NaN), `text` is any string, and a list of strings is an enumeration.
 */
export type ColumnType = "int" | "number" | "optionalNumber" | "text" | readonly string[];

/** Every field of a row with its column type, in the order the columns are written. */
export type TableColumns<Row> = { readonly [K in keyof Row]-?: ColumnType };

const ROLES = ["miner", "validator"] as const;

const table = <Row>(file: string, columns: TableColumns<Row>) => ({ file, columns });

/**
 * Each run table's file and columns: the one list both the writer (sim/run/runTablesToCsv.ts) and
 * the reader (sim/run/readRunFolder.ts) use. A new row field must be listed here (the
 * compiler asks for it), and then both write and read it.
 */
export const RUN_TABLE_FILES = {
  epochs: table<EpochRow>("epochs.csv", {
    epoch: "int",
    block: "int",
    emissionWei: "text",
    emission: "number",
    supply: "number",
    inferences: "number",
    transactions: "number",
    reverted: "number",
    gasUsed: "optionalNumber",
    reveals: "number",
    feesEscrowed: "number",
    feesReleased: "number",
    feesRefunded: "number",
    slashed: "number",
  }),
  agentEpochs: table<AgentEpochRow>("agent_epochs.csv", {
    epoch: "int",
    uid: "int",
    agent: "text",
    role: ROLES,
    score: "optionalNumber",
    incentive: "number",
    dividends: "number",
    reward: "number",
    cumulativeReward: "number",
    stake: "number",
    fees: "number",
    slashed: "number",
  }),
  agents: table<AgentRow>("agents.csv", {
    uid: "int",
    agent: "text",
    role: ROLES,
    strategy: "text",
    address: "text",
    tier: "text",
    trueQuality: "optionalNumber",
    stake: "number",
    totalReward: "number",
    cost: "number",
    totalFees: "number",
    slashed: "number",
    registrationBurn: "number",
    prunedEpoch: "int",
  }),
  operators: table<OperatorRow>("operators.csv", {
    operator: "text",
    agents: "int",
    miners: "int",
    validators: "int",
    strategies: "text",
    stake: "number",
    totalReward: "number",
    totalFees: "number",
    cost: "number",
    slashed: "number",
    profit: "number",
    rewardShare: "number",
    stakeShare: "number",
  }),
  choices: table<ChoiceRow>("choices.csv", {
    epoch: "int",
    agent: "text",
    choice: "text",
    observed: "optionalNumber",
  }),
  governance: table<GovernanceRow>("governance.csv", {
    epoch: "int",
    proposal: "int",
    action: ["propose", "vote", "queue", "execute", "outcome", "offer", "claim", "refund"],
    agent: "text",
    support: "text",
    votes: "number",
    status: "text",
    error: "text",
    detail: "text",
  }),
  stakeMoves: table<StakeMoveRow>("stake_moves.csv", {
    epoch: "int",
    actor: "text",
    action: ["stake", "unstake", "withdraw", "setTake"],
    from: "text",
    to: "text",
    amount: "number",
    take: "optionalNumber",
    outcome: "text",
  }),
  delegators: table<DelegatorRow>("delegators.csv", {
    epoch: "int",
    delegator: "text",
    strategy: "text",
    validator: "text",
    stake: "number",
    unbonding: "number",
    balance: "number",
    reward: "number",
    yield: "number",
  }),
  participation: table<ParticipationRow>("participation.csv", {
    epoch: "int",
    agent: "text",
    tier: "text",
    strategy: "text",
    action: ["enter", "exit", "pruned"],
    rewardPerEpoch: "number",
    costPerEpoch: "number",
    burn: "number",
    burned: "number",
    profit: "number",
    outcome: "text",
  }),
  timings: table<PhaseTimingRow>("timings.csv", { epoch: "int", phase: "text", ms: "number" }),
} as const;

/** A table's column names in write order. */
export function columnNames<Row>(columns: TableColumns<Row>): (keyof Row & string)[] {
  return Object.keys(columns) as (keyof Row & string)[];
}
