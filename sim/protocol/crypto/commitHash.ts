import { type Address, encodeAbiParameters, type Hex, keccak256 } from "viem";
import type { WeightSubmission } from "../protocolTypes.ts";
import { packWeightRow } from "../weightRow.ts";

export interface CommitHashParameters {
  readonly netuid: number;
  readonly epoch: bigint | number;
  /** The committing hotkey (msg.sender of commit and reveal). */
  readonly hotkey: Address;
  readonly uids: readonly number[];
  readonly weights: readonly number[];
  readonly salt: Hex;
}

/**
 * The hash Weights.commit expects: keccak256(abi.encode(netuid, epoch, hotkey, row, salt)), where
 * `row` is the packed row (packWeightRow: 4 bytes per entry), so it binds the exact row.
 */
export function commitHash({ netuid, epoch, hotkey, uids, weights, salt }: CommitHashParameters): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "uint16" }, { type: "uint64" }, { type: "address" }, { type: "bytes" }, { type: "bytes32" }],
      [netuid, BigInt(epoch), hotkey, packWeightRow(uids, weights), salt],
    ),
  );
}

/** The commitment of a weight submission for `epoch` on subnet `netuid` (what Weights.commit stores
 * and a reveal or a mismatch proof must match). */
export function submissionHash(netuid: number, epoch: number, s: WeightSubmission): Hex {
  return commitHash({ netuid, epoch, hotkey: s.address, uids: s.uids, weights: s.weights, salt: s.salt });
}
