import { describe, expect, it } from "vitest";
import { computeStakeWeightedMean } from "./stakeWeightedMean.ts";

const input = (stake: number[], rows: number[][]) => ({
  n: stake.length,
  stake: Float64Array.from(stake),
  weights: Float64Array.from(rows.flat()),
  lastUpdate: new Float64Array(stake.length),
  registeredAt: new Float64Array(stake.length),
  block: 1,
});

describe("computeStakeWeightedMean", () => {
  it("weights each validator's normalised row by its stake (hand-computed)", () => {
    // UID0 (stake 3) gives miners 2,3 weights 1:1; UID1 (stake 1) gives all to miner 3.
    const out = computeStakeWeightedMean(
      input(
        [3, 1, 0, 0],
        [
          [0, 0, 100, 100],
          [0, 0, 0, 65535],
          [0, 0, 0, 0],
          [0, 0, 0, 0],
        ],
      ),
    );
    expect(Array.from(out.incentive)).toEqual([0, 0, 0.375, 0.625]);
    expect(Array.from(out.dividends)).toEqual([0.75, 0.25, 0, 0]);
  });

  it("pays nothing when nobody set weights", () => {
    const out = computeStakeWeightedMean(
      input(
        [1, 1],
        [
          [0, 0],
          [0, 0],
        ],
      ),
    );
    expect(Array.from(out.incentive)).toEqual([0, 0]);
    expect(Array.from(out.dividends)).toEqual([0, 0]);
  });
});
