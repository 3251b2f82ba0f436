import type { Hex } from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { requestBatch } from "./requestBatch.ts";
import type { ChainHandle } from "./startChain.ts";

/** The latest block number (uncached). */
export async function headBlock(chain: ChainHandle): Promise<bigint> {
  const [head] = await requestBatch<Hex>(chain.rpcUrl, [{ method: "eth_blockNumber", params: [] }]);
  if (!head.ok)
    throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `eth_blockNumber failed: ${head.error.message}`);
  return BigInt(head.result);
}

/**
 * Mines empty blocks (one `anvil_mine` call) so that the next block mined is `nextBlock`. Returns
 * false, mining nothing, when the chain is already at or past it.
 */
export async function mineUntil(chain: ChainHandle, nextBlock: bigint): Promise<boolean> {
  const head = await headBlock(chain);
  const gap = nextBlock - head - 1n;
  if (gap < 0n) return false;
  if (gap === 0n) return true;
  const [mined] = await requestBatch(chain.rpcUrl, [
    { method: "anvil_mine", params: [`0x${gap.toString(16)}`] },
  ]);
  if (!mined.ok)
    throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `anvil_mine failed: ${mined.error.message}`);
  return true;
}
