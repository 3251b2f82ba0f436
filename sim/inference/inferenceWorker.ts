/**
 * Worker-thread entry of `createWorkerInferenceAdapter`: its own tfjs backend (its own wasm heap)
 * holding a share of the miners as packed tensors. Construction messages are answered on the
 * worker's port; an `infer` writes straight into the shared output buffer and signals through the
 * shared control array, so the main thread can wait synchronously. The main thread ends it with
 * `terminate()`, which frees its whole wasm heap at once.
 */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import * as tf from "@tensorflow/tfjs";
import { type MlpWeights, mlpSize, unpackMlp } from "../models/mlpWeights.ts";
import { emptyLike, perturbWeightsInto } from "../models/perturbWeights.ts";
import { chunkAccuracy } from "./chunkAccuracy.ts";
import type { FromWorker, ToWorker, WorkerInit } from "./inferenceWorkerProtocol.ts";
import { initInferenceBackend } from "./initInferenceBackend.ts";
import { type PackedChunk, packChunk, queryTensor, runChunkInto } from "./packedMinerChunks.ts";

const port = parentPort as MessagePort;
const { backend, output, replyPort } = workerData as WorkerInit & { replyPort: MessagePort };
const chunks: PackedChunk[] = [];
let bases: MlpWeights[] = [];
/** Reused for every chunk and miner: no fresh memory per miner while thousands are built. */
const scratch: { buffer?: Float32Array } = {};
let minerScratch: MlpWeights[] = [];

/** Fault injection for test/inferenceWorkerDeath.test.ts: this thread ends in the middle of an infer. */
const EXIT_DURING_INFER = process.env.CRUCIBLE_FAULT_WORKER_EXIT_IN_INFER === "1";

/** The control array of the `infer` being answered: if this thread ends meanwhile, it says so there. */
let inFlight: Int32Array | undefined;
process.on("exit", () => {
  if (inFlight === undefined) return;
  Atomics.add(inFlight, 2, 1); // died
  Atomics.add(inFlight, 0, 1);
  Atomics.notify(inFlight, 0);
});

function describe(error: unknown): FromWorker {
  const e = error instanceof Error ? error : new Error(String(error));
  return { type: "error", message: e.message, stack: e.stack };
}

function inferInto(queries: Float32Array, nQueries: number, inputSize: number, out: Float32Array): void {
  const x = queryTensor(queries, nQueries, inputSize);
  try {
    for (const chunk of chunks) runChunkInto(chunk, x, out, output);
  } finally {
    x.dispose();
  }
}

function handle(message: ToWorker): FromWorker | undefined {
  switch (message.type) {
    case "bases":
      bases = message.bases;
      minerScratch = bases.map(emptyLike);
      return { type: "done", step: "bases" };
    case "chunk": {
      const { order, hidden, inputSize, outputs, flat } = message;
      const size = mlpSize(inputSize, hidden, outputs);
      chunks.push(
        packChunk(
          (k) => unpackMlp(flat.subarray(k * size, (k + 1) * size), inputSize, hidden, outputs),
          order,
          scratch,
        ),
      );
      return { type: "done", step: "chunk" };
    }
    case "noisy-chunks": {
      // Every chunk in one message: the worker builds them back to back, never waiting on the
      // main thread (which may be busy setting up the chain) for its next chunk.
      for (const { order, miners } of message.chunks) {
        chunks.push(
          packChunk(
            (k) => {
              const { base, noiseSeed, noise } = miners[k];
              return perturbWeightsInto(bases[base], noiseSeed, noise, minerScratch[base]);
            },
            order,
            scratch,
          ),
        );
      }
      return { type: "done", step: "chunk" };
    }
    case "memory": {
      const { numTensors, numBytes } = tf.memory();
      return { type: "memory", numTensors, numBytes };
    }
    case "accuracy": {
      const { x, labels, rowsPerPass } = message;
      return { type: "accuracy", ...chunkAccuracy(chunks, x, labels, rowsPerPass, output) };
    }
    case "warmup": {
      // A cold first pass runs 2-4× slower; two passes at the epoch's batch size settle the wasm heap.
      const { nQueries, inputSize, outputs, totalMiners } = message;
      const queries = new Float32Array(nQueries * inputSize).fill(0.5);
      const out = new Float32Array(totalMiners * nQueries * outputs);
      for (let i = 0; i < 2; i++) inferInto(queries, nQueries, inputSize, out);
      return { type: "done", step: "warmup" };
    }
    case "infer": {
      const { queries, nQueries, out, control } = message;
      inFlight = control;
      if (EXIT_DURING_INFER) process.exit(3);
      try {
        inferInto(queries, nQueries, queries.length / nQueries, out);
      } catch (error) {
        replyPort.postMessage(describe(error));
        Atomics.add(control, 1, 1);
      } finally {
        inFlight = undefined;
        Atomics.add(control, 0, 1);
        Atomics.notify(control, 0);
      }
      return undefined;
    }
  }
}

try {
  const info = await initInferenceBackend(backend);
  port.on("message", (message: ToWorker) => {
    let reply: FromWorker | undefined;
    try {
      reply = handle(message);
    } catch (error) {
      reply = describe(error);
    }
    if (reply !== undefined) port.postMessage(reply);
  });
  port.postMessage({ type: "ready", backend: info.backend, version: info.version } satisfies FromWorker);
} catch (error) {
  port.postMessage(describe(error));
}
