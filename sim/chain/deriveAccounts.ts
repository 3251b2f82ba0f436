import type { PrivateKeyAccount } from "viem/accounts";
import { derivePrivateKey } from "../protocol/crypto/deriveAddresses.ts";
import { accountFromKey } from "./accountKeys.ts";

export { derivePrivateKey };

export interface DeriveAccountsOptions {
  /** Domain label, so different purposes (agents, driver) get unrelated keys. Default "agent". */
  readonly label?: string;
  /** Index of the first account (default 0). */
  readonly start?: number;
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
