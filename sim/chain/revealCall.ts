import type { Hex, LocalAccount } from "viem";
import { packWeightRow } from "../protocol/weightRow.ts";
import { phaseCall } from "./phaseCall.ts";
import type { PhaseCall } from "./submitPhase.ts";

export interface WeightRow {
  /** Strictly increasing UIDs. */
  readonly uids: readonly number[];
  /** u16 weights, one per UID. */
  readonly weights: readonly number[];
  readonly salt: Hex;
}

/** The `Weights.reveal` call of `row` (packed, see packWeightRow) for commit epoch `epoch` of `netuid`. */
export function revealCall(
  account: LocalAccount,
  netuid: number,
  epoch: bigint,
  row: WeightRow,
  agent: string = account.address,
  gas?: bigint,
): PhaseCall {
  const packed = packWeightRow(row.uids, row.weights);
  return phaseCall(account, "weights", "reveal", [netuid, epoch, packed, row.salt], agent, gas);
}

/** The `Weights.proveMismatch` payload of `row`: its packed bytes and salt. */
export function revealPayload(row: WeightRow): { row: Hex; salt: Hex } {
  return { row: packWeightRow(row.uids, row.weights), salt: row.salt };
}
