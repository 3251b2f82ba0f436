import type { Address } from "../protocolTypes.ts";
import { priceAfterRegistration, registrationPriceAt } from "../registrationPrice.ts";
import type { SubnetParams } from "../subnetParams.ts";
import type { MemoryLedger } from "./memoryLedger.ts";

/**
 * SubnetRegistry's one subnet in memory: dense UIDs, the burn price curve (RegistrationPrice), and
 * the replacement of the non-immune UID with the lowest emission when full (ties: earliest
 * registration, then lowest UID). Every method mirrors the contract's checks in the same order.
 */
export interface MemoryRegistry {
  readonly params: SubnetParams;
  readonly hotkeys: Address[];
  readonly registeredAt: bigint[];
  readonly emission: bigint[];
  count(): number;
  /** The UID of `hotkey`, or undefined (uidOf reverts NotRegistered). */
  uidOf(hotkey: string): number | undefined;
  /** The price a registration in `block` burns. */
  priceAt(block: bigint): bigint;
  /** SubnetRegistry.register from `hotkey` in `block`: the error name on a revert. */
  register(hotkey: Address, block: bigint): string | undefined;
  /** The UID a registration in `block` would replace (undefined while every UID is immune). */
  pruneCandidate(block: bigint): number | undefined;
  recordEmission(perUid: readonly bigint[]): void;
  /** Everything it holds, as plain values (a checkpoint), and the same put back. */
  saveState(): MemoryRegistryState;
  loadState(state: MemoryRegistryState): void;
}

export interface MemoryRegistryState {
  hotkeys: Address[];
  registeredAt: bigint[];
  emission: bigint[];
  burnPrice: bigint;
  burnBlock: bigint;
}

export function createMemoryRegistry(
  params: SubnetParams,
  ledger: MemoryLedger,
  createdAt: bigint,
): MemoryRegistry {
  const hotkeys: Address[] = [];
  const registeredAt: bigint[] = [];
  const emission: bigint[] = [];
  const uidPlusOne = new Map<string, number>();
  let burnPrice = params.initialBurn;
  let burnBlock = createdAt;

  const registry: MemoryRegistry = {
    params,
    hotkeys,
    registeredAt,
    emission,
    count: () => hotkeys.length,
    uidOf(hotkey) {
      const plusOne = uidPlusOne.get(hotkey.toLowerCase());
      return plusOne === undefined ? undefined : plusOne - 1;
    },
    priceAt: (block) => registrationPriceAt(params, burnPrice, burnBlock, block),
    pruneCandidate(block) {
      let found: number | undefined;
      for (let i = 0; i < hotkeys.length; i++) {
        if (block - registeredAt[i] < params.immunityPeriod) continue;
        if (
          found === undefined ||
          emission[i] < emission[found] ||
          (emission[i] === emission[found] && registeredAt[i] < registeredAt[found])
        ) {
          found = i;
        }
      }
      return found;
    },
    register(hotkey, block) {
      if (registry.uidOf(hotkey) !== undefined) return "AlreadyRegistered";
      const price = registry.priceAt(block);
      // maxPrice is 2^256 - 1 in the session's calls: PriceAboveMax cannot happen.
      const full = hotkeys.length >= params.maxUids;
      const victim = full ? registry.pruneCandidate(block) : hotkeys.length;
      if (victim === undefined) return "AllUidsImmune";
      if (price > 0n) {
        const short = ledger.checkSpend(hotkey, price);
        if (short) return short;
      }
      burnPrice = priceAfterRegistration(params, price);
      burnBlock = block;
      if (full) uidPlusOne.delete(hotkeys[victim].toLowerCase());
      hotkeys[victim] = hotkey;
      registeredAt[victim] = block;
      emission[victim] = 0n;
      uidPlusOne.set(hotkey.toLowerCase(), victim + 1);
      if (price > 0n) ledger.burn(hotkey, price);
      return undefined;
    },
    recordEmission(perUid) {
      perUid.forEach((e, i) => {
        emission[i] = e;
      });
    },
    saveState: () => ({
      hotkeys: [...hotkeys],
      registeredAt: [...registeredAt],
      emission: [...emission],
      burnPrice,
      burnBlock,
    }),
    loadState(state) {
      // In place: the session's reads hold these arrays.
      hotkeys.splice(0, hotkeys.length, ...state.hotkeys);
      registeredAt.splice(0, registeredAt.length, ...state.registeredAt);
      emission.splice(0, emission.length, ...state.emission);
      uidPlusOne.clear();
      hotkeys.forEach((h, uid) => {
        uidPlusOne.set(h.toLowerCase(), uid + 1);
      });
      burnPrice = state.burnPrice;
      burnBlock = state.burnBlock;
    },
  };
  return registry;
}
