import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeGini } from "../reports/metrics/computeGini.ts";
import { computeSpearman } from "../reports/metrics/computeSpearman.ts";
import { pickAgentsByRewardRank } from "../reports/pickAgentsByRewardRank.ts";

/** The population Gini by its definition, O(n²): Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ). */
function giniByDefinition(xs: number[]): number {
  const n = xs.length;
  const total = xs.reduce((s, x) => s + x, 0);
  if (n === 0 || total === 0) return 0;
  let diff = 0;
  for (const a of xs) for (const b of xs) diff += Math.abs(a - b);
  return diff / (2 * n * total);
}

describe("computeGini (population formula)", () => {
  it("is 0 for equal shares and (n-1)/n when one takes all", () => {
    expect(computeGini([1, 1, 1, 1])).toBe(0);
    expect(computeGini([0, 0, 0, 1])).toBeCloseTo(0.75, 12);
    expect(computeGini([3, 6, 9, 12])).toBeCloseTo(0.25, 12);
  });

  it("is 0 for no one and for nothing paid", () => {
    expect(computeGini([])).toBe(0);
    expect(computeGini([0, 0, 0])).toBe(0);
  });

  it("rejects negative and non-finite amounts", () => {
    expect(() => computeGini([1, -1])).toThrow(
      expect.objectContaining({ code: "CRUCIBLE_INVALID_ARGUMENT" }),
    );
    expect(() => computeGini([1, Number.NaN])).toThrow(
      expect.objectContaining({ code: "CRUCIBLE_INVALID_ARGUMENT" }),
    );
  });

  it("matches the pairwise definition on random inputs", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 40 }), (xs) => {
        expect(computeGini(xs)).toBeCloseTo(giniByDefinition(xs), 9);
      }),
      { numRuns: 200 },
    );
  });
});

describe("computeSpearman", () => {
  it("is 1 for a perfectly monotone set and -1 for a reversed one", () => {
    expect(computeSpearman([0.5, 0.6, 0.9, 0.95], [1, 8, 27, 1000])).toBe(1);
    expect(computeSpearman([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
  });

  it("uses midranks for ties, so pair order does not matter", () => {
    const x = [1, 2, 2, 3];
    const y = [1, 3, 2, 4];
    const rho = computeSpearman(x, y);
    expect(rho).toBeCloseTo(computeSpearman([2, 3, 1, 2], [2, 4, 1, 3]), 12);
    // ranks x: 1, 2.5, 2.5, 4; y: 1, 3, 2, 4 → Pearson of the ranks.
    expect(rho).toBeCloseTo(0.9486832980505138, 12);
  });

  it("is NaN when undefined and drops non-finite pairs", () => {
    expect(computeSpearman([1], [1])).toBeNaN();
    expect(computeSpearman([1, 2, 3], [5, 5, 5])).toBeNaN();
    expect(computeSpearman([1, Number.NaN, 2, 3], [1, 100, 2, 3])).toBe(1);
    expect(() => computeSpearman([1, 2], [1])).toThrow(
      expect.objectContaining({ code: "CRUCIBLE_INVALID_ARGUMENT" }),
    );
  });
});

describe("pickAgentsByRewardRank", () => {
  const agents = Array.from({ length: 10 }, (_, i) => ({ agent: `a${i}`, totalReward: (i * 7) % 10 }));

  it("keeps everyone, lowest reward first, when under the cap", () => {
    expect(pickAgentsByRewardRank(agents.slice(0, 3), 5)).toEqual(["a0", "a2", "a1"]);
  });

  it("spreads the pick over the ranking, always keeping the extremes", () => {
    const picked = pickAgentsByRewardRank(agents, 4);
    // Ranking by reward 0..9: a0 a3 a6 a9 a2 a5 a8 a1 a4 a7; indices 0, 3, 6, 9.
    expect(picked).toEqual(["a0", "a9", "a8", "a7"]);
  });
});
