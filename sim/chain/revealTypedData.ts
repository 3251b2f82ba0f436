import type { Address, Hex } from "viem";

/** What a validator's signed reveal names: the subnet, the commit epoch, itself, the packed row and salt. */
export interface RevealMessage {
  chainId: number;
  /** The Weights contract of this deployment (the EIP-712 verifying contract). */
  weights: Address;
  netuid: number;
  epoch: bigint;
  hotkey: Address;
  row: Hex;
  salt: Hex;
}

/**
 * The EIP-712 typed data a validator signs for a reveal (`Weights.revealDigest`): domain "Crucible
 * Weights" version 1 bound to the chain id and the Weights contract, so a signature made for one
 * deployment proves nothing in another. Sign it with viem's `signTypedData`.
 */
export function revealTypedData(m: RevealMessage) {
  return {
    domain: { name: "Crucible Weights", version: "1", chainId: m.chainId, verifyingContract: m.weights },
    types: {
      Reveal: [
        { name: "netuid", type: "uint16" },
        { name: "epoch", type: "uint64" },
        { name: "hotkey", type: "address" },
        { name: "row", type: "bytes" },
        { name: "salt", type: "bytes32" },
      ],
    },
    primaryType: "Reveal",
    message: { netuid: m.netuid, epoch: m.epoch, hotkey: m.hotkey, row: m.row, salt: m.salt },
  } as const;
}
