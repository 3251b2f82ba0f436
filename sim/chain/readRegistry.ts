import type { Address } from "viem";
import type { Protocol } from "./deployProtocol.ts";
import { protocolAbis } from "./protocolAbis.ts";
import type { ChainHandle } from "./startChain.ts";
import { toChainError } from "./toChainError.ts";

export interface RegistrySnapshot {
  /** Hotkey per UID (index = UID). */
  readonly hotkeys: Address[];
  /** Block in which each UID registered. */
  readonly registeredAt: bigint[];
}

/** Every registered UID's hotkey and registration block, in one eth_call. */
export async function readRegistry(chain: ChainHandle, protocol: Protocol): Promise<RegistrySnapshot> {
  try {
    const [hotkeys, registeredAt] = await chain.publicClient.readContract({
      address: protocol.addresses.registry,
      abi: protocolAbis.registry,
      functionName: "registrations",
    });
    return { hotkeys: [...hotkeys], registeredAt: registeredAt.map(BigInt) };
  } catch (error) {
    throw toChainError(error, "reading the registry");
  }
}
