import type { Hex, LocalAccount } from "viem";
import { type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";

/**
 * Private keys of the accounts this process created, so transactions can be signed off the main
 * thread (a worker needs the key, not the account object). Accounts made elsewhere have none and
 * are signed on the main thread.
 */
const keys = new WeakMap<LocalAccount, Hex>();

/** `privateKeyToAccount`, remembering the key for worker signing. */
export function accountFromKey(privateKey: Hex): PrivateKeyAccount {
  const account = privateKeyToAccount(privateKey);
  keys.set(account, privateKey);
  return account;
}

/** The private key of an account made by `accountFromKey` (undefined for any other). */
export function keyOf(account: LocalAccount): Hex | undefined {
  return keys.get(account);
}
