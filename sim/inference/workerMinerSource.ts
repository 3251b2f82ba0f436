import { CrucibleError } from "../errors/CrucibleError.ts";
import { type MlpWeights, mlpSize, packMlp } from "../models/mlpWeights.ts";
import { checkMinerShapes } from "./checkMinerShapes.ts";
import type { NoisyMinerSource } from "./inferenceWorkerProtocol.ts";
import type { WorkerHandle } from "./workerHandle.ts";

/** What the worker adapter builds its miners from: every miner's weights, or bases plus noise seeds. */
export type WorkerMinerSource = readonly MlpWeights[] | NoisyMinerSource;

export interface SourceShapes {
  /** Hidden size of each miner, in miner order. */
  hidden: number[];
  inputSize: number;
  outputs: number;
}

export function isNoisy(source: WorkerMinerSource): source is NoisyMinerSource {
  return !Array.isArray(source);
}

export function inferenceFailure(message: string, details?: string): CrucibleError {
  return new CrucibleError("CRUCIBLE_INFERENCE_FAILED", message, { details });
}

/** Checks the source (shapes, noisy specs) and returns every miner's hidden size and the I/O sizes. */
export function shapesOf(source: WorkerMinerSource): SourceShapes {
  if (!isNoisy(source)) {
    const { inputSize, outputs } = checkMinerShapes(source);
    return { hidden: source.map((m) => m.hidden), inputSize, outputs };
  }
  const { inputSize, outputs } = checkMinerShapes(source.bases);
  if (source.miners.length === 0) throw inferenceFailure("no miners given");
  source.miners.forEach((m, i) => {
    const ok =
      Number.isInteger(m.base) &&
      m.base >= 0 &&
      m.base < source.bases.length &&
      Number.isSafeInteger(m.noiseSeed) &&
      m.noise >= 0;
    if (!ok) {
      throw inferenceFailure(
        `miner ${i} has an invalid spec`,
        `expected a base index below ${source.bases.length}, a safe-integer noiseSeed and noise >= 0, got ${JSON.stringify(m)}`,
      );
    }
  });
  return { hidden: source.miners.map((m) => source.bases[m.base].hidden), inputSize, outputs };
}

export function positiveInteger(name: string, value: number, allowZero = false): number {
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw inferenceFailure(
      `${name} must be a ${allowZero ? "non-negative" : "positive"} integer, got ${value}`,
    );
  }
  return value;
}

/**
 * Sends one worker its chunks: explicit weights one chunk at a time (at most one chunk's weights in
 * flight), noisy specs all at once (they are small, and the worker then builds without pauses).
 */
export async function loadWorker(
  handle: WorkerHandle,
  source: WorkerMinerSource,
  chunks: number[][],
  shapes: SourceShapes,
): Promise<void> {
  if (isNoisy(source)) {
    await handle.request({ type: "bases", bases: [...source.bases] });
    const specs = chunks.map((order) => ({ order, miners: order.map((i) => source.miners[i]) }));
    await handle.request({ type: "noisy-chunks", chunks: specs });
    return;
  }
  for (const order of chunks) {
    const hidden = shapes.hidden[order[0]];
    const size = mlpSize(shapes.inputSize, hidden, shapes.outputs);
    const flat = new Float32Array(order.length * size);
    order.forEach((index, k) => {
      flat.set(packMlp(source[index]), k * size);
    });
    await handle.request(
      { type: "chunk", order, hidden, inputSize: shapes.inputSize, outputs: shapes.outputs, flat },
      [flat.buffer],
    );
  }
}
