import type { Address } from "viem";
import type { Protocol } from "./deployProtocol.ts";
import { protocolAbis } from "./protocolAbis.ts";
import type { ChainHandle } from "./startChain.ts";
import { toChainError } from "./toChainError.ts";

/** Token balances (wei) of `addresses`, in input order, in one eth_call. */
export async function readBalances(
  chain: ChainHandle,
  protocol: Protocol,
  addresses: readonly Address[],
): Promise<bigint[]> {
  try {
    const balances = await chain.publicClient.readContract({
      address: protocol.addresses.token,
      abi: protocolAbis.token,
      functionName: "balancesOf",
      args: [addresses],
    });
    return [...balances];
  } catch (error) {
    throw toChainError(error, `reading ${addresses.length} balances`);
  }
}

/** The token's total supply (wei). */
export async function readTotalSupply(chain: ChainHandle, protocol: Protocol): Promise<bigint> {
  try {
    return await chain.publicClient.readContract({
      address: protocol.addresses.token,
      abi: protocolAbis.token,
      functionName: "totalSupply",
    });
  } catch (error) {
    throw toChainError(error, "reading total supply");
  }
}
