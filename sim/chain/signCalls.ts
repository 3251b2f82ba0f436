import type { Address, Hex, LocalAccount } from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { keyOf } from "./accountKeys.ts";
import type { TxToSign } from "./createSignerPool.ts";
import { requestBatch } from "./requestBatch.ts";
import { signEip1559 } from "./signEip1559.mjs";
import type { ChainHandle } from "./startChain.ts";

export interface UnsignedCall {
  readonly account: LocalAccount;
  /** Target contract; null deploys `data` as creation code. */
  readonly to: Address | null;
  readonly data: Hex;
  readonly gas: bigint;
}

export interface SignOptions {
  /** Transactions per chunk (= per block when settled); default 1,000. */
  readonly chunkSize?: number;
  /** Sign in the chain's worker threads when it has them (default true); below WORKER_MIN calls
   * the main thread signs (messaging would cost more than it saves). */
  readonly workers?: boolean;
}

/** Max fee above the tip, so a transaction stays valid if the base fee (0 on our Anvil) ever rises. */
const FEE_HEADROOM = 1_000_000_000n;
export const DEFAULT_CHUNK = 1_000;
export const WORKER_MIN = 64;

async function loadNonces(chain: ChainHandle, calls: readonly UnsignedCall[]): Promise<void> {
  const unknown = chain.nonces.unknown(calls.map((c) => c.account.address));
  if (unknown.length === 0) return;
  const counts = await requestBatch<Hex>(
    chain.rpcUrl,
    unknown.map((a) => ({ method: "eth_getTransactionCount", params: [a, "pending"] })),
  );
  counts.forEach((r, i) => {
    if (!r.ok) {
      throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `cannot read the nonce of ${unknown[i]}`, {
        details: r.error.message,
      });
    }
    chain.nonces.set(unknown[i], Number(r.result));
  });
}

/**
 * Assigns nonces (the chain's nonce book, loading unknown ones in one batch) and starts signing
 * `calls` in chunks: returns one promise per chunk, in order. Call i gets priority fee
 * `calls.length - i` wei, so Anvil's fee-ordered miner executes every block in input order
 * (same-sender calls keep their nonce order, which is also input order).
 */
export async function signCallsInChunks(
  chain: ChainHandle,
  calls: readonly UnsignedCall[],
  options: SignOptions = {},
): Promise<Promise<Hex[]>[]> {
  await loadNonces(chain, calls);
  const chainId = chain.chain.id;
  const n = BigInt(calls.length);
  const txs = calls.map((c, i) => {
    const tip = n - BigInt(i);
    return { call: c, nonce: chain.nonces.take(c.account.address), tip, maxFee: tip + FEE_HEADROOM };
  });
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const pool = options.workers === false || calls.length < WORKER_MIN ? undefined : chain.signer();
  const keyed = pool !== undefined && calls.every((c) => keyOf(c.account) !== undefined);
  const chunks: Promise<Hex[]>[] = [];
  for (let start = 0; start < txs.length; start += chunkSize) {
    const part = txs.slice(start, start + chunkSize);
    if (keyed) {
      chunks.push(
        pool.sign(
          part.map(
            (t): TxToSign => ({
              privateKey: keyOf(t.call.account) as Hex,
              chainId,
              nonce: t.nonce,
              to: t.call.to,
              data: t.call.data,
              gas: t.call.gas,
              tip: t.tip,
              maxFee: t.maxFee,
            }),
          ),
        ),
      );
    } else {
      // Keyed accounts sign with libsecp256k1 (same bytes as viem, ~5× cheaper); others through viem.
      chunks.push(
        Promise.all(
          part.map((t) => {
            const key = keyOf(t.call.account);
            const tx = { chainId, nonce: t.nonce, to: t.call.to, data: t.call.data, gas: t.call.gas };
            return key !== undefined
              ? signEip1559(key, { ...tx, tip: t.tip, maxFee: t.maxFee })
              : t.call.account.signTransaction({
                  type: "eip1559",
                  ...tx,
                  maxPriorityFeePerGas: t.tip,
                  maxFeePerGas: t.maxFee,
                });
          }),
        ),
      );
    }
  }
  return chunks;
}

/** Signs every call (see signCallsInChunks) and returns the raw transactions in input order. */
export async function signCalls(
  chain: ChainHandle,
  calls: readonly UnsignedCall[],
  options: SignOptions = {},
): Promise<Hex[]> {
  return (await Promise.all(await signCallsInChunks(chain, calls, options))).flat();
}
