import type { Hex } from "viem";
import { requestBatch } from "./requestBatch.ts";
import type { ChainHandle } from "./startChain.ts";

interface ParityTrace {
  traceAddress: number[];
  result?: { output?: Hex } | null;
}

/**
 * The revert data of mined transactions, from Anvil's recorded traces (`trace_transaction`, one
 * JSON-RPC batch). Exact even when many transactions share the block, unlike re-simulating with
 * eth_call at the parent block. `undefined` where no data was recorded.
 */
export async function fetchRevertData(
  chain: ChainHandle,
  txHashes: readonly Hex[],
): Promise<(Hex | undefined)[]> {
  if (txHashes.length === 0) return [];
  const responses = await requestBatch<ParityTrace[]>(
    chain.rpcUrl,
    txHashes.map((h) => ({ method: "trace_transaction", params: [h] })),
  );
  return responses.map((r) => {
    if (!r.ok) return undefined;
    const top = r.result.find((t) => t.traceAddress.length === 0);
    return top?.result?.output ?? undefined;
  });
}
