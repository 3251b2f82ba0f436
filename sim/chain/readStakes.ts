import type { Protocol } from "./deployProtocol.ts";
import { protocolAbis } from "./protocolAbis.ts";
import type { ChainHandle } from "./startChain.ts";
import { toChainError } from "./toChainError.ts";

/** Stake (wei) per registered UID, indexed by UID, in one eth_call. */
export async function readStakes(chain: ChainHandle, protocol: Protocol): Promise<bigint[]> {
  try {
    const stakes = await chain.publicClient.readContract({
      address: protocol.addresses.staking,
      abi: protocolAbis.staking,
      functionName: "stakes",
    });
    return [...stakes];
  } catch (error) {
    throw toChainError(error, "reading stakes");
  }
}

/** Total tokens staked (wei). */
export async function readTotalStaked(chain: ChainHandle, protocol: Protocol): Promise<bigint> {
  try {
    return await chain.publicClient.readContract({
      address: protocol.addresses.staking,
      abi: protocolAbis.staking,
      functionName: "totalStaked",
    });
  } catch (error) {
    throw toChainError(error, "reading total stake");
  }
}
