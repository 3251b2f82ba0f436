import type { Address } from "../protocol/protocolTypes.ts";
import type { Population } from "./buildPopulation.ts";

/** Who holds which UID in an epoch, as read from the chain's registry. */
export interface UidMap {
  /** The epoch's population: the agents holding a UID, each with that UID; n = UIDs registered. */
  population: Population;
  /** Each UID's hotkey (index = UID). */
  addressOf: Address[];
  /** Each UID's holder's slot (-1: an account that is no agent of this run). */
  slotOf: number[];
  /** Block in which each UID's current hotkey registered. */
  registeredAt: bigint[];
}

/**
 * The epoch's view of the population from the registry's hotkeys: an agent takes part iff its
 * address holds a UID, and acts with that UID; agents keep their population order (slot order).
 * `agentAddresses[slot]` is each agent's account.
 */
export function populationView(
  full: Population,
  agentAddresses: readonly Address[],
  registry: { hotkeys: readonly Address[]; registeredAt: readonly bigint[] },
): UidMap {
  const slotByAddress = new Map(agentAddresses.map((a, slot) => [a.toLowerCase(), slot]));
  const slotOf = registry.hotkeys.map((h) => slotByAddress.get(h.toLowerCase()) ?? -1);
  const uidOfSlot = uidsBySlot(slotOf);
  const holding = <T extends { slot: number; uid: number }>(specs: readonly T[]): T[] =>
    specs.flatMap((s) => {
      const uid = uidOfSlot.get(s.slot);
      return uid === undefined ? [] : [{ ...s, uid }];
    });
  return {
    population: {
      validators: holding(full.validators),
      miners: holding(full.miners),
      n: registry.hotkeys.length,
    },
    addressOf: [...registry.hotkeys],
    slotOf,
    registeredAt: [...registry.registeredAt],
  };
}

/** The UID each agent holds, by slot (agents holding none are absent). */
export function uidsBySlot(slotOf: readonly number[]): Map<number, number> {
  const uidOf = new Map<number, number>();
  slotOf.forEach((slot, uid) => {
    if (slot >= 0) uidOf.set(slot, uid);
  });
  return uidOf;
}

/** UIDs whose holder changed between two maps (replaced by a registration), in increasing order. */
export function replacedUids(before: UidMap | undefined, after: UidMap): number[] {
  if (before === undefined) return [];
  const out: number[] = [];
  for (let uid = 0; uid < Math.min(before.registeredAt.length, after.registeredAt.length); uid++) {
    if (before.registeredAt[uid] !== after.registeredAt[uid]) out.push(uid);
  }
  return out;
}
