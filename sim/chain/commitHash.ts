import { type Address, encodeAbiParameters, type Hex, keccak256 } from "viem";
import type { Rng } from "../rng/createRng.ts";

export interface CommitHashParameters {
  readonly netuid: number;
  readonly epoch: bigint | number;
  /** The committing hotkey (msg.sender of commit and reveal). */
  readonly hotkey: Address;
  readonly uids: readonly number[];
  readonly weights: readonly number[];
  readonly salt: Hex;
}

/** The hash Weights.commit expects: keccak256(abi.encode(netuid, epoch, hotkey, uids, weights, salt)). */
export function commitHash({ netuid, epoch, hotkey, uids, weights, salt }: CommitHashParameters): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: "uint16" },
        { type: "uint64" },
        { type: "address" },
        { type: "uint16[]" },
        { type: "uint16[]" },
        { type: "bytes32" },
      ],
      [netuid, BigInt(epoch), hotkey, uids, weights, salt],
    ),
  );
}

/** A 32-byte salt drawn from the run's RNG (8 draws of 32 bits), so salts are reproducible. */
export function drawSalt(rng: Rng): Hex {
  let hex = "0x";
  for (let i = 0; i < 8; i++) hex += rng.int(0, 0xffffffff).toString(16).padStart(8, "0");
  return hex as Hex;
}
