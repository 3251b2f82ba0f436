import { Worker } from "node:worker_threads";
import type { Address, Hex } from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";

/** One transaction to sign, nonce and fees already chosen. */
export interface TxToSign {
  readonly privateKey: Hex;
  readonly chainId: number;
  readonly nonce: number;
  readonly to: Address | null;
  readonly data: Hex;
  readonly gas: bigint;
  readonly tip: bigint;
  readonly maxFee: bigint;
}

export interface SignerPool {
  readonly workers: number;
  /** Signs `txs` (output in input order), split in contiguous slices over the workers. */
  sign(txs: readonly TxToSign[]): Promise<Hex[]>;
  /** Ends the workers (idempotent). */
  close(): Promise<void>;
}

interface Pending {
  resolve(signed: Hex[]): void;
  reject(error: Error): void;
}

const WORKER_URL = new URL("./signTransactionsWorker.mjs", import.meta.url);

/**
 * Worker threads that sign transactions off the main thread (secp256k1 signing costs ~265 µs a
 * transaction on one core, the largest cost of a phase). Workers are unref'd: they never keep the
 * process alive. Jobs queue per worker in FIFO order, so chunks submitted first finish first.
 */
export function createSignerPool(workers: number): SignerPool {
  if (!Number.isInteger(workers) || workers < 1)
    throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", `workers must be >= 1, got ${workers}`);
  const threads = Array.from({ length: workers }, () => new Worker(WORKER_URL));
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let closed = false;
  for (const t of threads) {
    t.unref();
    t.on("message", (m: { id: number; signed?: Hex[]; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error !== undefined)
        p.reject(new CrucibleError("CRUCIBLE_CHAIN_FAILED", `signing failed: ${m.error}`));
      else p.resolve(m.signed ?? []);
    });
    t.on("error", (error) => {
      for (const p of pending.values())
        p.reject(new CrucibleError("CRUCIBLE_CHAIN_FAILED", "signer worker died", { cause: error }));
      pending.clear();
    });
  }

  function job(thread: Worker, txs: readonly TxToSign[]): Promise<Hex[]> {
    const keyIndex = new Map<Hex, number>();
    const keys: Hex[] = [];
    const wire = txs.map((tx) => {
      let key = keyIndex.get(tx.privateKey);
      if (key === undefined) {
        key = keys.push(tx.privateKey) - 1;
        keyIndex.set(tx.privateKey, key);
      }
      return { key, nonce: tx.nonce, to: tx.to, data: tx.data, gas: tx.gas, tip: tx.tip, maxFee: tx.maxFee };
    });
    const id = nextId++;
    return new Promise<Hex[]>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      thread.postMessage({ id, chainId: txs[0].chainId, keys, txs: wire });
    });
  }

  return {
    workers,
    async sign(txs) {
      if (closed) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", "the signer pool is closed");
      if (txs.length === 0) return [];
      const slice = Math.ceil(txs.length / workers);
      const parts = threads.flatMap((t, w) => {
        const part = txs.slice(w * slice, (w + 1) * slice);
        return part.length > 0 ? [job(t, part)] : [];
      });
      return (await Promise.all(parts)).flat();
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
