import { describe, expect, it } from "vitest";
import {
  expectedBurn,
  expectedEntryProfit,
  minerDilution,
  nextLossStreak,
  shouldEnter,
  shouldExit,
  stakeDilution,
} from "./entryDecision.ts";

const outlook = {
  comparableReward: 100,
  dilution: minerDilution(4, false),
  costPerEpoch: 30,
  burn: 200,
  horizonEpochs: 10,
};

describe("entry by expected profit", () => {
  it("counts reward diluted by one more miner, less costs, over the horizon, less the burn", () => {
    // 10 × (100 × 4/5 − 30) − 200 = 300
    expect(expectedEntryProfit(outlook)).toBeCloseTo(300, 12);
    expect(shouldEnter(outlook)).toBe(true);
  });

  it("does not dilute when the subnet is full (the newcomer replaces a UID)", () => {
    expect(expectedEntryProfit({ ...outlook, dilution: minerDilution(4, true) })).toBeCloseTo(
      10 * 70 - 200,
      12,
    );
    expect(minerDilution(0, false)).toBe(1);
  });

  it("the burn prices entry: at the horizon's margin a prospect stays out", () => {
    expect(shouldEnter({ ...outlook, burn: 499 })).toBe(true);
    expect(shouldEnter({ ...outlook, burn: 500 })).toBe(false); // profit exactly 0: stays out
    expect(shouldEnter({ ...outlook, burn: 0, costPerEpoch: 81 })).toBe(false); // compute alone loses
  });

  it("a longer horizon earns back a higher burn", () => {
    expect(shouldEnter({ ...outlook, burn: 800 })).toBe(false);
    expect(shouldEnter({ ...outlook, burn: 800, horizonEpochs: 20 })).toBe(true); // 20 × 50 − 800
  });
});

describe("a validator's dilution", () => {
  it("is the serving stake's share once its own joins", () => {
    expect(stakeDilution(3000, 1000)).toBeCloseTo(0.75, 12);
    expect(stakeDilution(0, 1000)).toBe(0);
    expect(stakeDilution(0, 0)).toBe(1);
  });
});

describe("expected burn", () => {
  const curve = { increase: 1.26, halfLifeEpochs: 1, minBurn: 0.0005, maxBurn: 100 };
  it("is the last price × increase, halved per half-life since, within the bounds", () => {
    expect(expectedBurn(curve, { paid: 10, epoch: 3 }, 3)).toBeCloseTo(12.6, 12);
    expect(expectedBurn(curve, { paid: 10, epoch: 3 }, 5)).toBeCloseTo(12.6 / 4, 12);
    expect(expectedBurn(curve, { paid: 90, epoch: 3 }, 3)).toBe(100);
    expect(expectedBurn(curve, { paid: 10, epoch: 0 }, 60)).toBe(0.0005);
  });
  it("does not decay with a half-life of 0, and a fixed price stays fixed", () => {
    expect(expectedBurn({ ...curve, halfLifeEpochs: 0 }, { paid: 10, epoch: 0 }, 9)).toBeCloseTo(12.6, 12);
    expect(expectedBurn({ ...curve, minBurn: 50, maxBurn: 50 }, { paid: 50, epoch: 0 }, 9)).toBe(50);
  });
});

describe("exit after K loss-making epochs", () => {
  it("counts consecutive losses and resets on a break-even or profitable epoch", () => {
    let streak = 0;
    const seen: boolean[] = [];
    for (const profit of [-1, -2, 0, -1, -1, -0.5, 3]) {
      streak = nextLossStreak(streak, profit);
      seen.push(shouldExit(streak, 3));
    }
    expect(seen).toEqual([false, false, false, false, false, true, false]);
  });
});
