import type { Rng } from "../rng/createRng.ts";

/**
 * The agent interface. Agents never touch the chain or tfjs: they observe, decide with their own RNG
 * stream, and return intents (answers, weight vectors) that the engine settles on-chain.
 * Strategies live in `agents/` and are looked up by name from scenario files.
 */

/** What any observer of the chain knows after the previous epoch (null before the first). */
export interface PublicState {
  /** Incentive per UID paid by the previous epoch's mechanism. */
  incentive: Float64Array | null;
  /** Consensus weight per UID of the previous epoch. */
  consensus: Float64Array | null;
  /**
   * The weight rows in force after the previous epoch's reveals (n×n u16, row = validator UID), as
   * anyone reading the chain sees them; absent before the first epoch.
   */
  weights?: { n: number; rows: Float64Array };
}

/**
 * Who an agent works with: the UIDs its operator holds this epoch (`operators:` in the scenario).
 * An agent without an operator is its own operator: its team is itself.
 */
export interface Team {
  /** The agent's own UID. */
  uid: number;
  /** Positions (in `minerUids`) of the miners its operator holds, itself included if a miner. */
  minerIndices: readonly number[];
}

/** What a miner sees when it answers. */
export interface MinerAnswerContext {
  epoch: number;
  rng: Rng;
  /** Its own model's answers, [nQueries × outputs]. */
  own: Float32Array;
  nQueries: number;
  outputs: number;
  /** Class probabilities (rows sum to 1) or predicted values. */
  kind: "probabilities" | "values";
  /** This miner's position among the miners (`minerUids[minerIndex]` is its UID). */
  minerIndex: number;
  minerUids: readonly number[];
  /**
   * Every miner's model answers this epoch, [miners × nQueries × outputs]: what a relay or a cabal
   * that shares answers could see. Honest miners ignore it.
   */
  all: Float32Array;
  /** What it submitted last epoch (undefined in its first epoch). */
  previous: Float32Array | undefined;
  publicState: PublicState;
  /** Its operator's miners this epoch (left out: it works alone). */
  team?: Team;
}

export interface MinerStrategy {
  readonly name: string;
  /**
   * Whether the miner runs its own model every epoch, and so pays for the compute (default true).
   * A copier or a lazy miner answers without it.
   */
  readonly computes?: boolean;
  /** Returns the answers the miner submits, [nQueries × outputs]. */
  answer(ctx: MinerAnswerContext): Float32Array;
  /** What an adaptive strategy chose each epoch (the engine writes them to choices.csv). */
  readonly decisions?: readonly StrategyDecision[];
  /** What it carries from one epoch to the next, as a structured-cloneable value (a checkpoint);
   * left out with `loadState`: it carries nothing. */
  saveState?(): unknown;
  /** Puts back what `saveState` returned, into a strategy freshly made with the same parameters. */
  loadState?(state: unknown): void;
}

/** One epoch's choice of an adaptive strategy, and the payoff it observed for its previous choice. */
export interface StrategyDecision {
  epoch: number;
  choice: string;
  /** The payoff (0..1) it observed this epoch and credited to an earlier choice; NaN: none yet. */
  observed: number;
}

export interface ValidatorQueryContext {
  epoch: number;
  rng: Rng;
  /** Size of the task's query pool to draw indices from. */
  poolSize: number;
  count: number;
}

export interface ValidatorMinerContext {
  epoch: number;
  rng: Rng;
  /** Miners in the subnet (indices 0 … minerCount − 1, in `minerUids` order). */
  minerCount: number;
  count: number;
}

export interface ValidatorWeighContext {
  epoch: number;
  rng: Rng;
  /**
   * Score (0..1, higher is better) of each miner's answers, by position in `minerUids`; NaN for the
   * miners it did not query; null while no truth has arrived yet (truth an epoch later).
   */
  scores: Float64Array | null;
  minerUids: readonly number[];
  publicState: PublicState;
  /** Its own UID and its operator's miners this epoch (left out: it works alone). */
  team?: Team;
}

/** A weight vector as the chain stores it: UIDs in increasing order and u16 weights, same length. */
export interface WeightVector {
  uids: number[];
  weights: number[];
}

export interface ValidatorStrategy {
  readonly name: string;
  /** Which tasks (indices into the query pool) this validator sends to every miner. */
  chooseQueries(ctx: ValidatorQueryContext): number[];
  /**
   * Which miners (indices into `minerUids`) it queries when the scenario limits `minersPerEpoch`;
   * all of them when the strategy leaves this out.
   */
  chooseMiners?(ctx: ValidatorMinerContext): number[];
  /** The weights this validator commits for this epoch (null: it does not set weights). */
  weigh(ctx: ValidatorWeighContext): WeightVector | null;
  /**
   * What it reveals for a commit, when that is not what it committed (an equivocator): the reveal
   * then fails on-chain, and its signed payload proves the mismatch. Left out or null: it reveals
   * exactly what it committed.
   */
  revise?(ctx: ValidatorReviseContext): WeightVector | null;
  /** As `MinerStrategy.saveState` and `loadState`. */
  saveState?(): unknown;
  loadState?(state: unknown): void;
}

export interface ValidatorReviseContext {
  /** The epoch of the reveal, and the epoch whose commit it reveals. */
  epoch: number;
  commitEpoch: number;
  rng: Rng;
  committed: WeightVector;
  minerUids: readonly number[];
  publicState: PublicState;
}

export type StrategyFactory<S> = (params: Record<string, unknown>) => S;
