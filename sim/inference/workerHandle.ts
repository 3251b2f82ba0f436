import type { MessagePort, Worker } from "node:worker_threads";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { FromWorker, ToWorker } from "./inferenceWorkerProtocol.ts";

function fail(message: string, details?: string): CrucibleError {
  return new CrucibleError("CRUCIBLE_INFERENCE_FAILED", message, { details });
}

/** One worker with a request/reply channel for construction steps (one request at a time). */
export class WorkerHandle {
  private pending?: { resolve: (m: FromWorker) => void; reject: (e: Error) => void };
  private queue: Promise<unknown> = Promise.resolve();
  failure?: Error;
  readonly exited: Promise<void>;

  constructor(
    readonly worker: Worker,
    readonly replyPort: MessagePort,
  ) {
    const settle = (error: Error) => {
      this.failure ??= error;
      this.pending?.reject(error);
      this.pending = undefined;
    };
    worker.on("message", (message: FromWorker) => {
      const pending = this.pending;
      this.pending = undefined;
      if (message.type === "error") pending?.reject(fail("inference worker failed", message.stack));
      else pending?.resolve(message);
    });
    worker.on("error", (error) => settle(fail("inference worker crashed", String(error?.stack ?? error))));
    this.exited = new Promise((resolve) => {
      worker.once("exit", (code) => {
        settle(fail("inference worker exited", `exit code ${code}`));
        resolve();
      });
    });
  }

  /** Resolves with the worker's next reply (the first one is its "ready"). */
  next(): Promise<FromWorker> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
    });
  }

  /**
   * Sends a message and resolves with its reply. Requests made while one is pending wait their turn
   * (each reply belongs to the request before it), so callers may overlap them safely.
   */
  request(message: ToWorker, transfer: ArrayBuffer[] = []): Promise<FromWorker> {
    const send = () => {
      const reply = this.next();
      this.worker.postMessage(message, transfer);
      return reply;
    };
    const result = this.queue.then(send, send);
    this.queue = result.catch(() => {});
    return result;
  }
}
