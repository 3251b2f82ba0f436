import { describe, expect, it } from "vitest";
import { type BribeHolder, bribeAmountWei, planBribes } from "./planBribes.ts";

const T = 10n ** 18n;
const holder = (agent: string, votes: bigint, support: 0 | 1 | undefined, floor: bigint): BribeHolder => ({
  agent,
  address: `0x${agent}`,
  votes: votes * T,
  support,
  floorWei: floor * T,
});

describe("planBribes", () => {
  // for 100; against 60 + 50 + 40 = 150. A flipped holder counts twice toward the margin: per counted
  // vote a costs 1/120, c 1/80, b 4/100, so a, c, b is the order.
  const holders = [
    holder("v", 100n, 1, 0n),
    holder("a", 60n, 0, 1n),
    holder("b", 50n, 0, 4n),
    holder("c", 40n, 0, 1n),
  ];

  it("buys the cheapest counted votes until for > against, then drops what it did not need", () => {
    // After a: for 160, against 90: a alone passes it.
    const plan = planBribes({ holders, quorumWei: 0n, quadratic: false, budgetWei: 100n * T, marginBps: 0 });
    expect(plan.feasible).toBe(true);
    expect(plan.offers.map((o) => o.agent)).toEqual(["a"]);
    expect(plan.totalWei).toBe(1n * T + 1n);
  });

  it("buys more to reach the quorum, and none over budget", () => {
    // Quorum 250 raw for-votes: 100 + a 60 + c 40 + b 50 = 250: all three.
    const plan = planBribes({
      holders,
      quorumWei: 250n * T,
      quadratic: false,
      budgetWei: 100n * T,
      marginBps: 500,
    });
    expect(plan.offers.map((o) => o.agent).sort()).toEqual(["a", "b", "c"]);
    expect(plan.totalWei).toBe(bribeAmountWei(1n * T, 500) * 2n + bribeAmountWei(4n * T, 500));
    const poor = planBribes({
      holders,
      quorumWei: 250n * T,
      quadratic: false,
      budgetWei: 5n * T,
      marginBps: 500,
    });
    expect(poor).toMatchObject({ feasible: false, reason: "over budget", offers: [] });
    expect(poor.neededWei).toBe(plan.totalWei);
    const impossible = planBribes({
      holders,
      quorumWei: 300n * T,
      quadratic: false,
      budgetWei: 100n * T,
      marginBps: 0,
    });
    expect(impossible).toMatchObject({ feasible: false, reason: "the holders' votes cannot pass it" });
  });

  it("counts square roots under quadratic counting", () => {
    // for √100 = 10; against √60 + √50 + √40 ≈ 7.75 + 7.07 + 6.32 = 21.1: flipping a gives 17.7 vs 13.4.
    const plan = planBribes({ holders, quorumWei: 0n, quadratic: true, budgetWei: 100n * T, marginBps: 0 });
    expect(plan.offers.map((o) => o.agent)).toEqual(["a"]);
  });

  it("needs nothing when the proposal passes unbribed", () => {
    const plan = planBribes({
      holders: [holder("v", 100n, 1, 0n), holder("a", 60n, 0, 1n)],
      quorumWei: 0n,
      quadratic: false,
      budgetWei: 0n,
      marginBps: 0,
    });
    expect(plan).toMatchObject({ feasible: true, offers: [], totalWei: 0n });
  });
});
