import { describe, expect, it } from "vitest";
import { createRng } from "../../rng/createRng.ts";
import { chooseShards, type ShardOffer } from "./chooseShards.ts";

const offers: ShardOffer[] = [
  { listingId: 0, provider: 0, price: 10n },
  { listingId: 1, provider: 0, price: 10n },
  { listingId: 2, provider: 1, price: 2n },
  { listingId: 3, provider: 2, price: 5n },
];
const base = { offers, maxShards: 4, explore: 0, rng: createRng(1) };

describe("chooseShards", () => {
  it("buys the best expected gain per token within the budget, skipping providers whose data hurt", () => {
    const estimates = new Map([
      [0, 0.2], // 0.02 per token
      [1, -0.05], // hurt: never on purpose
      [2, 0.05], // 0.01 per token
    ]);
    expect(chooseShards({ ...base, budget: 25n, estimates })).toEqual([0, 1, 3]);
    expect(chooseShards({ ...base, budget: 14n, estimates })).toEqual([0]);
    expect(chooseShards({ ...base, budget: 4n, estimates })).toEqual([]);
  });

  it("is optimistic about providers never tried, and stops at maxShards", () => {
    const estimates = new Map([[0, 0.1]]);
    // Providers 1 and 2 count as 0.1 too: the cheapest per token first.
    expect(chooseShards({ ...base, budget: 100n, estimates, maxShards: 2 })).toEqual([2, 3]);
  });

  it("explores with its own seeded stream: same seed, same picks", () => {
    const run = (seed: number) =>
      chooseShards({ ...base, budget: 100n, estimates: new Map(), explore: 1, rng: createRng(seed) });
    expect(run(3)).toEqual(run(3));
    expect(run(3)).toHaveLength(4);
  });
});
