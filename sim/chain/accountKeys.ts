import type { Hex, LocalAccount } from "viem";
import {
  type PrivateKeyAccount,
  publicKeyToAddress,
  sign,
  signAuthorization,
  signMessage,
  signTransaction,
  signTypedData,
  toAccount,
} from "viem/accounts";
import { publicKeyOf } from "./signEip1559.mjs";

/**
 * Private keys of the accounts this process created, so transactions can be signed off the main
 * thread (a worker needs the key, not the account object). Accounts made elsewhere have none and
 * are signed on the main thread.
 */
const keys = new WeakMap<LocalAccount, Hex>();

/**
 * viem's `privateKeyToAccount` (the same account: address, public key, signing methods), with the
 * public key from libsecp256k1 instead of viem's pure JS (~0.3 ms an account: ~3 s of main thread
 * for 10,000 agents); remembers the key for worker signing.
 */
export function accountFromKey(privateKey: Hex): PrivateKeyAccount {
  const publicKey = publicKeyOf(privateKey);
  const account = toAccount({
    address: publicKeyToAddress(publicKey),
    sign: async ({ hash }) => sign({ hash, privateKey, to: "hex" }),
    signAuthorization: async (authorization) => signAuthorization({ ...authorization, privateKey }),
    signMessage: async ({ message }) => signMessage({ message, privateKey }),
    signTransaction: async (transaction, { serializer } = {}) =>
      signTransaction({ privateKey, transaction, serializer }),
    signTypedData: async (typedData) =>
      signTypedData({ ...typedData, privateKey } as Parameters<typeof signTypedData>[0]),
  });
  const full = { ...account, publicKey, source: "privateKey" } as PrivateKeyAccount;
  keys.set(full, privateKey);
  return full;
}

/** The private key of an account made by `accountFromKey` (undefined for any other). */
export function keyOf(account: LocalAccount): Hex | undefined {
  return keys.get(account);
}
