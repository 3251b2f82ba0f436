import type { Hex, LocalAccount } from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { phaseCall } from "./phaseCall.ts";
import type { PhaseCall } from "./submitPhase.ts";

/** Bytes one UID takes in packed shares: its incentive then its dividend, big-endian uint128 each. */
export const SHARE_ENTRY_BYTES = 32;

const U128_MAX = (1n << 128n) - 1n;

const u128 = (v: bigint, what: string, i: number) => {
  if (v < 0n || v > U128_MAX)
    throw new CrucibleError(
      "CRUCIBLE_INVALID_ARGUMENT",
      `emission shares: ${what}[${i}] = ${v} is not a u128`,
    );
  return v;
};

/**
 * The incentive and dividend vectors (indexed by UID) as Emission.distribute takes them: 32 bytes per
 * UID in UID order, incentive then dividend (big-endian uint128 each). Throws CRUCIBLE_INVALID_ARGUMENT for unequal
 * lengths or a value that is not a u128 (the contract checks the length against the UID count).
 */
export function packEmissionShares(incentive: readonly bigint[], dividends: readonly bigint[]): Hex {
  if (incentive.length !== dividends.length) {
    throw new CrucibleError(
      "CRUCIBLE_INVALID_ARGUMENT",
      `emission shares: ${incentive.length} incentives but ${dividends.length} dividends`,
    );
  }
  const hex = new Array<string>(incentive.length + 1);
  hex[0] = "0x";
  for (let i = 0; i < incentive.length; i++) {
    const inc = u128(incentive[i], "incentive", i).toString(16).padStart(32, "0");
    const div = u128(dividends[i], "dividends", i).toString(16).padStart(32, "0");
    hex[i + 1] = inc + div;
  }
  return hex.join("") as Hex;
}

/** The (incentive, dividends) of packed shares (inverse of packEmissionShares; a partial entry is an error). */
export function unpackEmissionShares(shares: Hex): { incentive: bigint[]; dividends: bigint[] } {
  const hex = shares.slice(2);
  if (hex.length % (SHARE_ENTRY_BYTES * 2) !== 0) {
    throw new CrucibleError(
      "CRUCIBLE_INVALID_ARGUMENT",
      `emission shares: ${hex.length / 2} bytes is not a whole number of entries`,
    );
  }
  const n = hex.length / (SHARE_ENTRY_BYTES * 2);
  const incentive = new Array<bigint>(n);
  const dividends = new Array<bigint>(n);
  for (let i = 0; i < n; i++) {
    const at = i * SHARE_ENTRY_BYTES * 2;
    incentive[i] = BigInt(`0x${hex.slice(at, at + 32)}`);
    dividends[i] = BigInt(`0x${hex.slice(at + 32, at + 64)}`);
  }
  return { incentive, dividends };
}

/** The `Emission.distribute` call paying epoch `epoch` of `netuid` from the two vectors (packed). */
export function distributeCall(
  account: LocalAccount,
  netuid: number,
  epoch: bigint,
  incentive: readonly bigint[],
  dividends: readonly bigint[],
  agent: string = account.address,
  gas?: bigint,
): PhaseCall {
  const shares = packEmissionShares(incentive, dividends);
  return phaseCall(account, "emission", "distribute", [netuid, epoch, shares], agent, gas);
}
