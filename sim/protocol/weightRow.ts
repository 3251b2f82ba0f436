import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Hex } from "./protocolTypes.ts";

/** Bytes one (uid, weight) entry takes in a packed row: two big-endian u16. */
export const ROW_ENTRY_BYTES = 4;

const u16 = (v: number, what: string, i: number) => {
  if (!Number.isInteger(v) || v < 0 || v > 65_535) {
    throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", `weight row: ${what}[${i}] = ${v} is not a u16`);
  }
  return v;
};

/**
 * A weight row as Weights.reveal takes it: 4 bytes per entry, uid then weight (big-endian u16 each).
 * Throws CRUCIBLE_INVALID_ARGUMENT for unequal lengths or a value that is not a u16 (the contract checks order).
 */
export function packWeightRow(uids: readonly number[], weights: readonly number[]): Hex {
  if (uids.length !== weights.length) {
    throw new CrucibleError(
      "CRUCIBLE_INVALID_ARGUMENT",
      `weight row: ${uids.length} uids but ${weights.length} weights`,
    );
  }
  const bytes = Buffer.allocUnsafe(uids.length * ROW_ENTRY_BYTES);
  for (let i = 0; i < uids.length; i++) {
    bytes.writeUInt16BE(u16(uids[i], "uids", i), i * ROW_ENTRY_BYTES);
    bytes.writeUInt16BE(u16(weights[i], "weights", i), i * ROW_ENTRY_BYTES + 2);
  }
  return `0x${bytes.toString("hex")}`;
}

/** The (uids, weights) of a packed row (inverse of packWeightRow; a trailing partial entry is an error). */
export function unpackWeightRow(row: Hex): { uids: number[]; weights: number[] } {
  const bytes = Buffer.from(row.slice(2), "hex");
  if (bytes.length % ROW_ENTRY_BYTES !== 0) {
    throw new CrucibleError(
      "CRUCIBLE_INVALID_ARGUMENT",
      `weight row: ${bytes.length} bytes is not a whole number of entries`,
    );
  }
  const n = bytes.length / ROW_ENTRY_BYTES;
  const uids = new Array<number>(n);
  const weights = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    uids[i] = bytes.readUInt16BE(i * ROW_ENTRY_BYTES);
    weights[i] = bytes.readUInt16BE(i * ROW_ENTRY_BYTES + 2);
  }
  return { uids, weights };
}
