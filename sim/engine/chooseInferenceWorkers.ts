/** Below this many miners `auto` runs inference in the main thread: worker start-up (a tfjs-wasm
 * backend per worker, the miners' base models built there) costs more than it saves. */
export const IN_PROCESS_BELOW_MINERS = 256;
/** With `auto`, at least this many miners per worker (each worker's share stays one sizeable GEMM). */
export const MINERS_PER_WORKER = 128;
/** With `auto`, never more workers than this (each holds its own wasm backend and heap). */
export const MAX_AUTO_WORKERS = 16;

export interface InferenceWorkerChoice {
  /** `inference.workers`: a count, or auto. */
  readonly setting: number | "auto";
  /** Miners in the run. */
  readonly miners: number;
  /** Cores available to this process (os.availableParallelism()). */
  readonly cores: number;
}

/**
 * Worker threads for a run's inference. A count is taken as given (at most one worker per miner).
 * `auto` follows the machine: 0 (main thread) below IN_PROCESS_BELOW_MINERS miners, else
 * min(max(2, cores − 1), ⌊miners / MINERS_PER_WORKER⌋, MAX_AUTO_WORKERS): one core left to the main
 * thread (chain, mechanism), never fewer than two workers, never a worker with a sliver of miners.
 * Results do not depend on the count: each miner's answers are the same on any worker.
 */
export function chooseInferenceWorkers({ setting, miners, cores }: InferenceWorkerChoice): number {
  if (setting !== "auto") return Math.min(setting, miners);
  if (miners < IN_PROCESS_BELOW_MINERS) return 0;
  const byCores = Math.max(2, Math.floor(cores) - 1);
  return Math.min(byCores, Math.floor(miners / MINERS_PER_WORKER), MAX_AUTO_WORKERS);
}
