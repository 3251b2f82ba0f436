import type { Address } from "viem";
import type { Protocol } from "./deployProtocol.ts";
import { protocolAbis } from "./protocolAbis.ts";
import type { ChainHandle } from "./startChain.ts";
import { toChainError } from "./toChainError.ts";

export interface RegistrySnapshot {
  /** Hotkey per UID (index = UID). */
  readonly hotkeys: Address[];
  /** Block in which each UID's current hotkey registered. */
  readonly registeredAt: bigint[];
  /** Each UID's emission in the last paid epoch (what pruning compares). */
  readonly emission: bigint[];
}

/** Every UID of `netuid`: hotkey, registration block and last emission, in one eth_call. */
export async function readRegistry(
  chain: ChainHandle,
  protocol: Protocol,
  netuid = 0,
): Promise<RegistrySnapshot> {
  try {
    const [hotkeys, registeredAt, emission] = await chain.publicClient.readContract({
      address: protocol.addresses.registry,
      abi: protocolAbis.registry,
      functionName: "registrations",
      args: [netuid],
    });
    return { hotkeys: [...hotkeys], registeredAt: [...registeredAt], emission: [...emission] };
  } catch (error) {
    throw toChainError(error, `reading the registry of subnet ${netuid}`);
  }
}

/** The registration price of `netuid` at the latest block (wei); a registration mined in the next
 * block pays one more block of decay (see registrationPriceAt). */
export async function readRegistrationPrice(
  chain: ChainHandle,
  protocol: Protocol,
  netuid = 0,
): Promise<bigint> {
  try {
    return await chain.publicClient.readContract({
      address: protocol.addresses.registry,
      abi: protocolAbis.registry,
      functionName: "registrationPrice",
      args: [netuid],
    });
  } catch (error) {
    throw toChainError(error, `reading the registration price of subnet ${netuid}`);
  }
}
