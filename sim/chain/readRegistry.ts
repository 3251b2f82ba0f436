import { type Address, encodeFunctionData } from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { addressArray, uintArray } from "./abiWords.ts";
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
    const { data } = await chain.publicClient.call({
      to: protocol.addresses.registry,
      data: encodeFunctionData({ abi: protocolAbis.registry, functionName: "registrations", args: [netuid] }),
    });
    if (data === undefined)
      throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", "registrations returned no data");
    // Decoded by hand: viem's decoder took ~250 ms of ~350 ms at 10,000 UIDs (see abiWords.ts).
    return { hotkeys: addressArray(data, 0), registeredAt: uintArray(data, 1), emission: uintArray(data, 2) };
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
