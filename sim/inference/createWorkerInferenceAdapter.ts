import { MessageChannel, type MessagePort, receiveMessageOnPort } from "node:worker_threads";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { own } from "../lifecycle/processLifecycle.ts";
import { siblingModule } from "../package/packageRoot.ts";
import { checkOutput } from "./checkMinerShapes.ts";
import type { InferenceAdapter } from "./createInferenceAdapter.ts";
import type { FromWorker, ToWorker, WorkerInit } from "./inferenceWorkerProtocol.ts";
import type { InferenceBackendName } from "./initInferenceBackend.ts";
import { ROWS_PER_PASS } from "./measureAccuracy.ts";
import { type OutputActivation, planChunks } from "./packedMinerChunks.ts";
import { startTsWorker } from "./startTsWorker.ts";
import { WorkerHandle } from "./workerHandle.ts";
import {
  inferenceFailure as fail,
  loadWorker,
  positiveInteger,
  shapesOf,
  type WorkerMinerSource,
} from "./workerMinerSource.ts";

export type { NoisyMinerSource, NoisyMinerSpec } from "./inferenceWorkerProtocol.ts";
export type { WorkerMinerSource } from "./workerMinerSource.ts";

/** `Atomics.waitAsync` (ES2024; in Node since 16), typed here as the project's lib is ES2022. */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      array: Int32Array,
      index: number,
      value: number,
      timeoutMs: number,
    ): { async: false; value: string } | { async: true; value: Promise<string> };
  }
).waitAsync;

/** The longest one wait on the workers' answer blocks before the deadline is checked again. */
const WAIT_SLICE_MS = 100;

export interface WorkerInferenceAdapterOptions {
  /** Worker threads, each with its own tfjs backend and a share of the miners. Default 2. */
  workers?: number;
  backend?: InferenceBackendName;
  /** Miners per GEMM inside a worker. Default 256. */
  maxMinersPerPass?: number;
  /** Output layer: `softmax` class probabilities (default) or `linear` values. */
  output?: OutputActivation;
  /** Query batch size of the two warm-up passes at construction (0: none). Default 32. */
  warmupQueries?: number;
  /** How long one `infer` may block before it fails. Default 300,000 ms. */
  timeoutMs?: number;
}

export interface WorkerInferenceAdapter extends InferenceAdapter {
  readonly workers: number;
  /** Version of the package behind the workers' backend (for the run manifest). */
  readonly backendVersion: string;
  /** Miners held by each worker. */
  readonly minersPerWorker: readonly number[];
  /** Construction time: workers started (tfjs loaded), miners packed, warm-up passes; ms. */
  readonly buildMs: { start: number; load: number; warmup: number };
  /** `dispose()`, then resolves once every worker thread has exited. */
  close(): Promise<void>;
  /** Each worker's `tf.memory()` (live tensors and their bytes), to check that calls leak nothing. */
  memory(): Promise<{ numTensors: number; numBytes: number }[]>;
  /**
   * Each miner's accuracy (share of rows whose argmax equals the label) on a labelled set, in miner
   * order, measured inside the workers (no [miners × rows × classes] buffer crosses threads): the
   * same numbers as `measureAdapterAccuracy` on the one-thread adapter, in the same row passes.
   */
  measureAccuracy(x: Float32Array, labels: Uint8Array, rowsPerPass?: number): Promise<number[]>;
}

/**
 * The inference adapter on worker threads: each worker runs its own tfjs backend (its own wasm heap)
 * with a contiguous share of every hidden-size group, packed into GEMM chunks as in
 * `createInferenceAdapter`, and is warmed up before this resolves. `infer` keeps the synchronous
 * interface: the query batch goes to every worker in one SharedArrayBuffer, each writes its miners'
 * answers straight into a shared [miners × queries × outputs] buffer (the returned Float32Array views
 * it; a fresh one per call), and the calling thread blocks on Atomics until all are done.
 *
 * `source` is either every miner's weights, or a `NoisyMinerSource` (base models plus per-miner noise
 * seeds) from which each worker builds its own miners: then no miner's weights exist outside the
 * wasm heaps, which is what makes 10,000 distinct 784-64-10 miners (~2 GB) fit.
 */
export async function createWorkerInferenceAdapter(
  source: WorkerMinerSource,
  options: WorkerInferenceAdapterOptions = {},
): Promise<WorkerInferenceAdapter> {
  const shapes = shapesOf(source);
  const miners = shapes.hidden.length;
  const requested = positiveInteger("workers", options.workers ?? 2);
  const perPass = positiveInteger("maxMinersPerPass", options.maxMinersPerPass ?? 256);
  const warmupQueries = positiveInteger("warmupQueries", options.warmupQueries ?? 32, true);
  const timeoutMs = options.timeoutMs ?? 300_000;
  const count = Math.min(requested, miners);
  const plan = planChunks(shapes.hidden, perPass, count);
  const minersPerWorker = plan.map((chunks) => chunks.reduce((n, c) => n + c.length, 0));
  const { inputSize, outputs } = shapes;

  const handles: WorkerHandle[] = [];
  let disposed = false;
  const terminateAll = () => {
    for (const h of handles) void h.worker.terminate().catch(() => {});
  };
  let backend = "";
  let backendVersion = "";
  const buildMs = { start: 0, load: 0, warmup: 0 };
  let mark = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const ms = now - mark;
    mark = now;
    return ms;
  };
  try {
    for (let w = 0; w < count; w++) {
      const channel = new MessageChannel();
      const init: WorkerInit & { replyPort: MessagePort } = {
        backend: options.backend,
        output: options.output ?? "softmax",
        replyPort: channel.port2,
      };
      const worker = startTsWorker(siblingModule("./inferenceWorker.ts", import.meta.url), {
        workerData: init,
        transferList: [channel.port2],
      });
      handles.push(new WorkerHandle(worker, channel.port1));
    }
    const ready = await Promise.all(handles.map((h) => h.next()));
    for (const r of ready) {
      if (r.type !== "ready") throw fail("inference worker did not start", JSON.stringify(r));
      if (backend !== "" && r.backend !== backend) {
        throw fail("inference workers started on different backends", `${backend} and ${r.backend}`);
      }
      backend = r.backend;
      backendVersion = r.version;
    }
    buildMs.start = lap();
    await Promise.all(handles.map((h, w) => loadWorker(h, source, plan[w], shapes)));
    buildMs.load = lap();
    if (warmupQueries > 0) {
      const warmup: ToWorker = {
        type: "warmup",
        nQueries: warmupQueries,
        inputSize,
        outputs,
        totalMiners: miners,
      };
      await Promise.all(handles.map((h) => h.request(warmup)));
    }
    buildMs.warmup = lap();
  } catch (error) {
    terminateAll();
    throw error instanceof CrucibleError
      ? error
      : new CrucibleError("CRUCIBLE_INFERENCE_FAILED", "starting the inference workers failed", {
          cause: error,
        });
  }

  interface Call {
    out: Float32Array;
    /** [answered, failed, died]: a worker that ends mid-call counts itself in `died` as it exits. */
    control: Int32Array;
    deadline: number;
  }

  /** Checks the batch and posts it to every worker. */
  function dispatch(queries: Float32Array, nQueries: number, into?: Float32Array): Call {
    if (disposed) throw fail("inference adapter used after dispose()");
    const broken = handles.find((h) => h.failure !== undefined);
    if (broken !== undefined) throw broken.failure as Error;
    if (!Number.isInteger(nQueries) || nQueries < 1 || queries.length !== nQueries * inputSize) {
      throw fail(
        "query batch has the wrong size",
        `expected ${nQueries} × ${inputSize} = ${nQueries * inputSize} floats, got ${queries.length}`,
      );
    }
    const shared = new Float32Array(new SharedArrayBuffer(queries.byteLength));
    shared.set(queries);
    const out = checkOutput(into, miners * nQueries * outputs, true);
    const control = new Int32Array(new SharedArrayBuffer(12));
    for (const h of handles) {
      h.worker.postMessage({ type: "infer", queries: shared, nQueries, out, control } satisfies ToWorker);
    }
    return { out, control, deadline: performance.now() + timeoutMs };
  }

  /** The next bounded wait (answers counted so far, at most WAIT_SLICE_MS), or undefined when done. */
  function nextWait(call: Call): { done: number; ms: number } | undefined {
    const done = Atomics.load(call.control, 0);
    if (done >= handles.length) return undefined;
    const left = call.deadline - performance.now();
    if (left <= 0) {
      dispose();
      throw fail("inference workers timed out", `${done} of ${handles.length} answered in ${timeoutMs} ms`);
    }
    return { done, ms: Math.min(left, WAIT_SLICE_MS) };
  }

  function collect(call: Call): Float32Array {
    const { control } = call;
    if (Atomics.load(control, 2) > 0) {
      dispose();
      throw fail(
        "an inference worker died during infer",
        `${Atomics.load(control, 2)} of ${handles.length} workers ended before answering`,
      );
    }
    if (Atomics.load(control, 1) > 0) {
      const errors = handles
        .map((h) => receiveMessageOnPort(h.replyPort)?.message as FromWorker | undefined)
        .filter((m) => m?.type === "error")
        .map((m) => (m as { stack?: string; message: string }).stack ?? (m as { message: string }).message);
      throw fail("inference worker failed during infer", errors.join("\n"));
    }
    return call.out;
  }

  function infer(queries: Float32Array, nQueries: number, into?: Float32Array): Float32Array {
    const call = dispatch(queries, nQueries, into);
    for (let wait = nextWait(call); wait !== undefined; wait = nextWait(call)) {
      Atomics.wait(call.control, 0, wait.done, wait.ms);
    }
    return collect(call);
  }

  async function inferAsync(
    queries: Float32Array,
    nQueries: number,
    into?: Float32Array,
  ): Promise<Float32Array> {
    const call = dispatch(queries, nQueries, into);
    for (let wait = nextWait(call); wait !== undefined; wait = nextWait(call)) {
      const waited = waitAsync(call.control, 0, wait.done, wait.ms);
      if (waited.async) await waited.value;
      // The event loop runs meanwhile, so a worker's 'exit' or 'error' event is seen here at once.
      const broken = handles.find((h) => h.failure !== undefined);
      if (broken !== undefined && Atomics.load(call.control, 0) < handles.length) {
        dispose();
        throw fail("an inference worker died during infer", (broken.failure as Error).message);
      }
    }
    return collect(call);
  }

  function dispose(): void {
    if (disposed) return;
    disposed = true;
    release();
    terminateAll();
    for (const h of handles) h.replyPort.close();
  }

  async function memory(): Promise<{ numTensors: number; numBytes: number }[]> {
    if (disposed) throw fail("inference adapter used after dispose()");
    const replies = await Promise.all(handles.map((h) => h.request({ type: "memory" })));
    return replies.map((r) => {
      if (r.type !== "memory") throw fail("unexpected worker reply", JSON.stringify(r));
      return { numTensors: r.numTensors, numBytes: r.numBytes };
    });
  }

  async function measureAccuracy(x: Float32Array, labels: Uint8Array, rowsPerPass = ROWS_PER_PASS) {
    if (disposed) throw fail("inference adapter used after dispose()");
    positiveInteger("rowsPerPass", rowsPerPass);
    const n = labels.length;
    if (x.length !== n * inputSize) {
      throw fail("labelled set has the wrong size", `expected ${n} × ${inputSize} floats, got ${x.length}`);
    }
    const accuracy = new Array<number>(miners).fill(Number.NaN);
    if (n === 0) return accuracy;
    const request: ToWorker = { type: "accuracy", x, labels, rowsPerPass };
    for (const reply of await Promise.all(handles.map((h) => h.request(request)))) {
      if (reply.type !== "accuracy") throw fail("unexpected worker reply", JSON.stringify(reply));
      reply.indices.forEach((index, k) => {
        accuracy[index] = reply.correct[k] / n;
      });
    }
    return accuracy;
  }

  async function close(): Promise<void> {
    dispose();
    await Promise.all(handles.map((h) => h.exited));
  }

  // The lifecycle owner ends the workers on a signal or a fatal error (they die with the process anyway).
  const release = own({ name: `${count} inference workers`, stop: close, killNow: dispose });

  return {
    backend,
    backendVersion,
    miners,
    inputSize,
    outputs,
    workers: count,
    minersPerWorker,
    buildMs,
    infer,
    inferAsync,
    dispose,
    close,
    memory,
    measureAccuracy,
  };
}
