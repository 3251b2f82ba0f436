import { type Address, type Hex, keccak256, toHex } from "viem";
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

export interface MinedBlock {
  readonly blockNumber: bigint;
  readonly txHashes: Hex[];
  /** Receipts in the order of the signed transactions given. */
  readonly receipts: RawReceipt[];
}

/**
 * Sends signed transactions (JSON-RPC batches of eth_sendRawTransaction), mines exactly one block and
 * reads its receipts with one eth_getBlockReceipts. Throws CRUCIBLE_CHAIN_FAILED if the node refuses a
 * transaction or one is missing from the block (nonces are then reloaded from the node).
 */
export async function sendAndMine(chain: ChainHandle, signed: readonly Hex[]): Promise<MinedBlock> {
  const txHashes = signed.map((s) => keccak256(s));
  const sent = await requestBatch(
    chain.rpcUrl,
    signed.map((s) => ({ method: "eth_sendRawTransaction", params: [s] })),
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
  const [mined] = await requestBatch(chain.rpcUrl, [{ method: "anvil_mine", params: [toHex(1)] }]);
  if (!mined.ok)
    throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `anvil_mine failed: ${mined.error.message}`);
  const [head] = await requestBatch<Hex>(chain.rpcUrl, [{ method: "eth_blockNumber", params: [] }]);
  if (!head.ok)
    throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `eth_blockNumber failed: ${head.error.message}`);
  const [block] = await requestBatch<RawReceipt[]>(chain.rpcUrl, [
    { method: "eth_getBlockReceipts", params: [head.result] },
  ]);
  if (!block.ok) {
    throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `eth_getBlockReceipts failed: ${block.error.message}`);
  }
  const byHash = new Map(block.result.map((r) => [r.transactionHash, r]));
  const receipts = txHashes.map((h) => byHash.get(h));
  const missing = receipts.filter((r) => r === undefined).length;
  if (missing > 0) {
    chain.nonces.reset();
    throw new CrucibleError(
      "CRUCIBLE_CHAIN_FAILED",
      `${missing} of ${signed.length} transactions were not mined in block ${BigInt(head.result)}`,
      { details: "the block gas limit may be too small for this phase" },
    );
  }
  return { blockNumber: BigInt(head.result), txHashes, receipts: receipts as RawReceipt[] };
}
