import type { Address, Hex } from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { requestBatch } from "./requestBatch.ts";
import type { ChainHandle } from "./startChain.ts";

/** The receipt fields the adapter uses, as Anvil returns them. */
export interface RawReceipt {
  readonly transactionHash: Hex;
  readonly status: "0x1" | "0x0";
  readonly gasUsed: Hex;
  readonly blockNumber: Hex;
  readonly contractAddress: Address | null;
}

/** Where a phase's wall time went (milliseconds). */
export interface SettleTimings {
  /** Waiting for signatures not ready yet (signing not hidden behind sending). */
  signWait: number;
  send: number;
  mine: number;
  receipts: number;
}

export interface MinedBlocks {
  /** Every block mined, in order (one per chunk; one even for no transactions). */
  readonly blocks: bigint[];
  readonly txHashes: Hex[];
  /** Receipts in the order of the signed transactions given. */
  readonly receipts: RawReceipt[];
  readonly timings: SettleTimings;
}

/** Most transactions per eth_sendRawTransaction JSON-RPC batch (one HTTP request each, sent together;
 * also at most MAX_BODY_BYTES per batch). */
export const SEND_BATCH = 250;

/** Sends `signed`; returns each transaction's hash as the node computed it (keccak256 of the raw
 * bytes: not hashing them here saves ~0.1 ms per KB of calldata on the main thread). */
async function send(chain: ChainHandle, signed: readonly Hex[]): Promise<Hex[]> {
  // Batches of SEND_BATCH transactions and at most MAX_BODY_BYTES each, posted concurrently.
  const sent = await requestBatch<Hex>(
    chain.rpcUrl,
    signed.map((s) => ({ method: "eth_sendRawTransaction", params: [s] })),
    { maxRequests: SEND_BATCH, parallel: true },
  );
  const refused = sent.flatMap((r, i) => (r.ok ? [] : [`tx ${i}: ${r.error.message}`]));
  if (refused.length > 0) {
    chain.nonces.reset();
    throw new CrucibleError(
      "CRUCIBLE_CHAIN_FAILED",
      `Anvil refused ${refused.length} of ${signed.length} transactions`,
      {
        details: refused.slice(0, 5).join("; "),
      },
    );
  }
  return sent.map((r) => (r.ok ? r.result : "0x"));
}

async function mineOne(chain: ChainHandle): Promise<void> {
  const [mined] = await requestBatch(chain.rpcUrl, [{ method: "anvil_mine", params: ["0x1"] }]);
  if (!mined.ok)
    throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `anvil_mine failed: ${mined.error.message}`);
}

async function latestReceipts(chain: ChainHandle): Promise<{ block: bigint; receipts: RawReceipt[] }> {
  const [r] = await requestBatch<RawReceipt[]>(chain.rpcUrl, [
    { method: "eth_getBlockReceipts", params: ["latest"] },
  ]);
  if (!r.ok)
    throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `eth_getBlockReceipts failed: ${r.error.message}`);
  if (r.result.length > 0) return { block: BigInt(r.result[0].blockNumber), receipts: r.result };
  const [head] = await requestBatch<Hex>(chain.rpcUrl, [{ method: "eth_blockNumber", params: [] }]);
  if (!head.ok)
    throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `eth_blockNumber failed: ${head.error.message}`);
  return { block: BigInt(head.result), receipts: [] };
}

/**
 * Settles signed transactions chunk by chunk: each chunk is sent (JSON-RPC batches of SEND_BATCH,
 * in parallel), mined as ONE block, and its receipts read with one eth_getBlockReceipts. Pipelined:
 * chunk k+1 may still be signing while chunk k is sent and mined, and chunk k's receipts are read
 * while chunk k+1 is sent (timings overlap accordingly). Throws CRUCIBLE_CHAIN_FAILED if the node
 * refuses a transaction or one is missing from its block (nonces are then reloaded).
 */
export async function sendAndMine(
  chain: ChainHandle,
  chunks: readonly (Promise<Hex[]> | readonly Hex[])[],
): Promise<MinedBlocks> {
  const timings: SettleTimings = { signWait: 0, send: 0, mine: 0, receipts: 0 };
  const blocks: bigint[] = [];
  const txHashes: Hex[] = [];
  const receipts: RawReceipt[] = [];
  const collect = (hashes: readonly Hex[], mined: { block: bigint; receipts: RawReceipt[] }) => {
    const byHash = new Map(mined.receipts.map((r) => [r.transactionHash, r]));
    const found = hashes.map((h) => byHash.get(h));
    const missing = found.filter((r) => r === undefined).length;
    if (missing > 0) {
      chain.nonces.reset();
      throw new CrucibleError(
        "CRUCIBLE_CHAIN_FAILED",
        `${missing} of ${hashes.length} transactions were not mined in block ${mined.block}`,
        { details: "the block gas limit may be too small for this chunk" },
      );
    }
    blocks.push(mined.block);
    txHashes.push(...hashes);
    receipts.push(...(found as RawReceipt[]));
  };
  const timed = async <T>(key: keyof SettleTimings, work: Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await work;
    timings[key] += performance.now() - t;
    return result;
  };
  let previous: Promise<void> = Promise.resolve();
  for (const pending of chunks.length > 0 ? chunks : [[]]) {
    const signed = await timed("signWait", Promise.resolve(pending));
    const [hashes] = await Promise.all([
      signed.length > 0 ? timed("send", send(chain, signed)) : [],
      previous,
    ]);
    await timed("mine", mineOne(chain));
    previous = timed("receipts", latestReceipts(chain)).then((mined) => collect(hashes, mined));
    previous.catch(() => {}); // awaited before the next mine or at the end
  }
  await previous;
  return { blocks, txHashes, receipts, timings };
}
