import type { Rng } from "../rng/createRng.ts";

/**
 * The agent interface. Agents never touch the chain or tfjs: they observe, decide with the run's
 * RNG, and return intents (answers, weight vectors, chain actions) that the engine settles.
 * Strategies live in `agents/` and are looked up by name from scenario files.
 */

/** What a miner sees when it answers: its own model's outputs and the other miners' (for copiers). */
export interface MinerAnswerContext {
  epoch: number;
  rng: Rng;
  /** Its own model's class probabilities, [queries × classes]. */
  own: Float32Array;
  classes: number;
}

export interface MinerStrategy {
  readonly name: string;
  /** Returns the answers the miner submits, [queries × classes] probabilities. */
  answer(ctx: MinerAnswerContext): Float32Array;
}

export interface ValidatorQueryContext {
  epoch: number;
  rng: Rng;
  /** Size of the query pool to draw task indices from. */
  poolSize: number;
  count: number;
}

export interface ValidatorWeighContext {
  epoch: number;
  rng: Rng;
  /** Score (0..1) of each miner's answers this epoch, by position in `minerUids`. */
  scores: Float64Array;
  minerUids: readonly number[];
}

/** A weight vector as the chain stores it: UIDs and u16 weights, same length. */
export interface WeightVector {
  uids: number[];
  weights: number[];
}

export interface ValidatorStrategy {
  readonly name: string;
  /** Which tasks (indices into the query pool) this validator sends to every miner. */
  chooseQueries(ctx: ValidatorQueryContext): number[];
  /** The weights this validator commits for this epoch (null: it does not set weights). */
  weigh(ctx: ValidatorWeighContext): WeightVector | null;
}

export type StrategyFactory<S> = (params: Record<string, unknown>) => S;
