import type { Rng } from "../../rng/createRng.ts";

export interface ShardOffer {
  listingId: number;
  provider: number;
  /** Price in wei. */
  price: bigint;
}

export interface ShardChoiceInput {
  /** Offers the miner does not hold yet, in listing order. */
  offers: readonly ShardOffer[];
  /** What the miner may spend this round (wei). */
  budget: bigint;
  maxShards: number;
  /** The miner's running estimate of a provider's probe-accuracy gain per shard (undefined: never tried). */
  estimates: ReadonlyMap<number, number>;
  /** Chance of buying a random affordable offer instead of the best guess. */
  explore: number;
  rng: Rng;
}

/**
 * A miner's purchases for a round (pure, seeded): repeatedly, with probability `explore` a random
 * affordable offer, otherwise the affordable offer with the best expected gain per token — a provider
 * never tried counts as optimistic (the best estimate seen, or 1), one whose data hurt (gain ≤ 0) is
 * never bought on purpose. Stops at `maxShards`, or when nothing affordable is worth buying.
 */
export function chooseShards(input: ShardChoiceInput): number[] {
  const { offers, maxShards, estimates, explore, rng } = input;
  let budget = input.budget;
  const known = [...estimates.values()];
  const optimistic = known.length > 0 ? Math.max(1e-3, ...known) : 1;
  const expected = (o: ShardOffer) => estimates.get(o.provider) ?? optimistic;
  const left = [...offers];
  const picks: number[] = [];
  while (picks.length < maxShards) {
    const affordable = left.filter((o) => o.price <= budget);
    if (affordable.length === 0) break;
    let pick: ShardOffer | undefined;
    if (rng.float() < explore) {
      pick = affordable[rng.int(0, affordable.length - 1)];
    } else {
      const worth = affordable.filter((o) => expected(o) > 0);
      // Gain per token; ties go to the earlier listing.
      for (const o of worth) {
        if (pick === undefined || expected(o) / Number(o.price) > expected(pick) / Number(pick.price))
          pick = o;
      }
    }
    if (pick === undefined) break;
    picks.push(pick.listingId);
    budget -= pick.price;
    left.splice(left.indexOf(pick), 1);
  }
  return picks;
}
