import type { MlpWeights } from "../models/mlpWeights.ts";
import type { InferenceBackendName } from "./initInferenceBackend.ts";
import type { OutputActivation } from "./packedMinerChunks.ts";

/** A miner's weights described, not materialised: a base model plus seeded noise (`perturbWeights`). */
export interface NoisyMinerSpec {
  /** Index into the source's `bases`. */
  base: number;
  /** Seed of the miner's noise stream (e.g. `rng.fork("miner-noise:" + id).seed`). */
  noiseSeed: number;
  /** Noise scale relative to each weight array's RMS (0: the base itself). */
  noise: number;
}

/**
 * Miners whose weights each worker builds itself, so 10,000 distinct miners never sit in the main
 * thread's memory: only the few base models cross the thread boundary.
 */
export interface NoisyMinerSource {
  bases: readonly MlpWeights[];
  miners: readonly NoisyMinerSpec[];
}

export interface WorkerInit {
  backend?: InferenceBackendName;
  output: OutputActivation;
}

/** Main → worker. */
export type ToWorker =
  | { type: "bases"; bases: MlpWeights[] }
  /** Explicit weights: `flat` holds each miner's packMlp layout back to back (transferred). */
  | { type: "chunk"; order: number[]; hidden: number; inputSize: number; outputs: number; flat: Float32Array }
  /** Every chunk of a worker's noisy miners (specs only: a few numbers per miner). */
  | { type: "noisy-chunks"; chunks: { order: number[]; miners: NoisyMinerSpec[] }[] }
  | { type: "memory" }
  /** Count each miner's correct argmax answers on a labelled set [labels.length × inputSize]. */
  | { type: "accuracy"; x: Float32Array; labels: Uint8Array; rowsPerPass: number }
  | { type: "warmup"; nQueries: number; inputSize: number; outputs: number; totalMiners: number }
  | {
      type: "infer";
      queries: Float32Array;
      nQueries: number;
      out: Float32Array;
      /** [finished workers, failed workers]: the main thread waits on index 0. */
      control: Int32Array;
    };

/** Worker → main (construction replies on the worker's own port; infer errors on the reply port). */
export type FromWorker =
  | { type: "ready"; backend: string; version: string }
  | { type: "done"; step: "bases" | "chunk" | "warmup" }
  | { type: "memory"; numTensors: number; numBytes: number }
  /** Correct answers of the worker's miners: `correct[k]` is miner `indices[k]`'s (adapter order). */
  | { type: "accuracy"; indices: number[]; correct: number[] }
  | { type: "error"; message: string; stack?: string };
