import type { Address } from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";

/**
 * Locally managed nonces: the next nonce per sender, known after one `eth_getTransactionCount`. Every
 * transaction this process sends through the adapter takes its nonce here, so many can be signed
 * and sent at once without asking the node.
 */
export interface NonceBook {
  /** Addresses whose next nonce is not yet known. */
  unknown(addresses: readonly Address[]): Address[];
  set(address: Address, next: number): void;
  /** Returns the next nonce of `address` and advances it. The nonce must be known. */
  take(address: Address): number;
  /** Forgets every nonce (after a failed send, so they are read from the node again). */
  reset(): void;
}

export function createNonceBook(): NonceBook {
  const next = new Map<string, number>();
  const key = (a: Address) => a.toLowerCase();
  return {
    unknown: (addresses) => [...new Set(addresses.filter((a) => !next.has(key(a))))],
    set: (address, n) => void next.set(key(address), n),
    take(address) {
      const n = next.get(key(address));
      if (n === undefined) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `nonce of ${address} not loaded`);
      next.set(key(address), n + 1);
      return n;
    },
    reset: () => next.clear(),
  };
}
