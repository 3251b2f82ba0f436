import { type Address, toHex } from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { requestBatch } from "./requestBatch.ts";
import type { ChainHandle } from "./startChain.ts";

/** Default ETH balance for gas: 10^6 ETH, far more than any run spends. */
export const DEFAULT_GAS_FUNDING_WEI = 10n ** 24n;

/** Sets the ETH balance of every address (for gas) with `anvil_setBalance`, in one JSON-RPC batch. */
export async function fundAccounts(
  chain: ChainHandle,
  addresses: readonly Address[],
  weiEach: bigint = DEFAULT_GAS_FUNDING_WEI,
): Promise<void> {
  const responses = await requestBatch(
    chain.rpcUrl,
    addresses.map((a) => ({ method: "anvil_setBalance", params: [a, toHex(weiEach)] })),
  );
  const failed = responses.findIndex((r) => !r.ok);
  if (failed >= 0) {
    const r = responses[failed];
    throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `anvil_setBalance failed for ${addresses[failed]}`, {
      details: r.ok ? undefined : r.error.message,
    });
  }
}
