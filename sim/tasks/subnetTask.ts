import type { OutputActivation } from "../inference/packedMinerChunks.ts";
import type { WorkerMinerSource } from "../inference/workerMinerSource.ts";
import type { MlpWeights } from "../models/mlpWeights.ts";

/** The subnet types a scenario can choose. */
export const TASK_KINDS = ["digits", "tabular-regression", "forecasting"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** One miner to build: its quality tier (expert / average / poor / random) and per-miner noise. */
export interface TaskMinerSpec {
  id: string;
  tier: string;
  /** Noise on the tier's parameters, relative to their RMS (0: the tier's model itself). */
  weightNoise: number;
}

export interface TaskMiner {
  id: string;
  tier: string;
  /** The miner's model, run by the inference adapter with the task's `output` activation. */
  weights: MlpWeights;
  /** True quality on held-out data, measured by `task.quality.metric`. */
  trueQuality: number;
}

/**
 * Miners described for the worker inference adapter, not built in this thread: `source` is plain
 * data (every miner's weights when they are small, or base models plus per-miner noise seeds, from
 * which the workers build the miners themselves), and true quality is either already known (closed
 * form, computed here) or measured by the workers on a held-out labelled set. The same miners, in
 * spec order, and the same true qualities as `buildMiners`.
 */
export type TaskMinerPlan =
  | { source: WorkerMinerSource; trueQuality: readonly number[] }
  | { source: WorkerMinerSource; heldout: { x: Float32Array; labels: Uint8Array } };

/**
 * A subnet's AI task behind one interface: a query pool validators sample from, the truth they score
 * against (possibly arriving later), how an answer is scored, and a model zoo by quality tier.
 * Every miner's model is an MLP (typed arrays), so one inference-adapter call answers for all miners.
 * Deterministic for the RNG the task was created with.
 */
export interface SubnetTask {
  readonly kind: TaskKind;
  /** Features per query. */
  readonly inputSize: number;
  /** Values per answer: 10 class probabilities (digits) or 1 predicted value. */
  readonly outputs: number;
  /** Output activation of the miners' models: give it to the inference adapter's `output` option. */
  readonly output: OutputActivation;
  /**
   * What `trueQuality` measures: held-out accuracy (higher is better) or MSE (lower is better), and
   * `toScore`, which maps it onto the scale of `score` ([0, 1], higher is better) for reports.
   */
  readonly quality: { metric: "accuracy" | "mse"; higherIsBetter: boolean; toScore(value: number): number };
  /** The loss of the best possible predictor where it is known in closed form (regression: σ²). */
  readonly optimalLoss?: number;
  /** Items validators can query each epoch (indices 0 … poolSize − 1). */
  readonly poolSize: number;
  /** Epochs between asking and knowing the truth: 0, or 1 for forecasting. */
  readonly truthDelay: number;
  /** The hidden width of a tier's model (every miner runs an inputSize-hidden-outputs MLP): what its
   * compute per query is priced by (`costs.perGigaflop`). Left out: unknown, priced at 0. */
  readonly hiddenWidth?: (tier: string) => number;
  /** Query features of pool items at an epoch: [indices.length × inputSize]. */
  queries(epoch: number, indices: readonly number[]): Float32Array;
  /**
   * The truth of pool items asked at `askedEpoch` (class labels for digits, target values otherwise);
   * throws CRUCIBLE_RUN_FAILED when `nowEpoch < askedEpoch + truthDelay` (not known yet).
   */
  truth(askedEpoch: number, indices: readonly number[], nowEpoch: number): Float32Array;
  /** Mean loss of one miner's answers [n × outputs] against truth [n]: 0-1 error, or MSE. */
  loss(answers: Float32Array, truth: Float32Array): number;
  /** Score in [0, 1] of one miner's answers against truth (higher is better): accuracy, or σ²/(σ² + MSE). */
  score(answers: Float32Array, truth: Float32Array): number;
  /** Each miner's model (its tier's base plus seeded noise) and true quality, in spec order. */
  buildMiners(specs: readonly TaskMinerSpec[]): Promise<TaskMiner[]>;
  /**
   * The same miners as `buildMiners`, described for worker threads (`startTaskInference` with
   * workers): for digits only the tier base models and noise seeds, so 10,000 miners' weights never
   * sit in this thread.
   */
  planMiners(specs: readonly TaskMinerSpec[]): Promise<TaskMinerPlan>;
}
