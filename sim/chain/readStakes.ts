import type { Protocol } from "./deployProtocol.ts";
import { protocolAbis } from "./protocolAbis.ts";
import type { ChainHandle } from "./startChain.ts";
import { toChainError } from "./toChainError.ts";

/** Pool stake (wei) of every UID's hotkey in `netuid`, indexed by UID, in one eth_call. */
export async function readStakes(chain: ChainHandle, protocol: Protocol, netuid = 0): Promise<bigint[]> {
  try {
    const stakes = await chain.publicClient.readContract({
      address: protocol.addresses.staking,
      abi: protocolAbis.staking,
      functionName: "stakes",
      args: [netuid],
    });
    return [...stakes];
  } catch (error) {
    throw toChainError(error, `reading the stakes of subnet ${netuid}`);
  }
}

/** Total tokens staked across all pools (wei), unbonding stake excluded. */
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
