import { encodeAbiParameters, type Hex, hexToBigInt, keccak256 } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { accountFromKey } from "./accountKeys.ts";

const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

export interface DeriveAccountsOptions {
  /** Domain label, so different purposes (agents, driver) get unrelated keys. Default "agent". */
  readonly label?: string;
  /** Index of the first account (default 0). */
  readonly start?: number;
}

/** The private key of account `index` under `seed` and `label`: keccak256(abi.encode(...)). */
export function derivePrivateKey(seed: number | bigint, index: number, label = "agent"): Hex {
  let key = keccak256(
    encodeAbiParameters(
      [{ type: "string" }, { type: "string" }, { type: "uint256" }, { type: "uint256" }],
      ["crucible-account", label, BigInt(seed), BigInt(index)],
    ),
  );
  // Out-of-range keys have probability ~2^-128; rehash to stay total.
  while (hexToBigInt(key) === 0n || hexToBigInt(key) >= SECP256K1_ORDER) key = keccak256(key);
  return key;
}

/** `count` deterministic accounts derived from the run seed (same seed → same addresses). */
export function deriveAccounts(
  seed: number | bigint,
  count: number,
  options: DeriveAccountsOptions = {},
): PrivateKeyAccount[] {
  const start = options.start ?? 0;
  return Array.from({ length: count }, (_, i) =>
    accountFromKey(derivePrivateKey(seed, start + i, options.label)),
  );
}
