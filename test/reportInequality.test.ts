import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bootstrapMeanCi, bootstrapMeanDifferenceCi } from "../reports/metrics/bootstrapMeanCi.ts";
import { computeGini } from "../reports/metrics/computeGini.ts";
import { computeLorenzCurve } from "../reports/metrics/computeLorenzCurve.ts";
import { computeNakamoto } from "../reports/metrics/computeNakamoto.ts";
import { computeRewardPerQuality } from "../reports/metrics/computeRewardPerQuality.ts";
import { computeTheil } from "../reports/metrics/computeTheil.ts";
import { createRng } from "../sim/rng/createRng.ts";

const amounts = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 });

describe("computeTheil", () => {
  it("is 0 for equal shares, ln n when one takes all, and matches hand-computed values", () => {
    expect(computeTheil([2, 2, 2])).toBe(0);
    expect(computeTheil([0, 0, 0, 1])).toBeCloseTo(Math.log(4), 12);
    // [1, 3]: μ = 2, T = ½ (½ ln ½ + 1.5 ln 1.5)
    expect(computeTheil([1, 3])).toBeCloseTo(0.13081203594113697, 12);
    expect(computeTheil([])).toBe(0);
    expect(computeTheil([0, 0])).toBe(0);
    expect(() => computeTheil([1, -2])).toThrow(
      expect.objectContaining({ code: "CRUCIBLE_INVALID_ARGUMENT" }),
    );
  });

  it("lies in [0, ln n] and ignores the unit", () => {
    fc.assert(
      fc.property(amounts, (xs) => {
        const t = computeTheil(xs);
        expect(t).toBeGreaterThanOrEqual(0);
        expect(t).toBeLessThanOrEqual(Math.log(xs.length) + 1e-12);
        expect(computeTheil(xs.map((x) => x * 1000))).toBeCloseTo(t, 9);
      }),
      { numRuns: 100 },
    );
  });
});

describe("computeNakamoto", () => {
  it("counts the fewest largest holders with more than half", () => {
    expect(computeNakamoto([4, 1, 1, 1])).toBe(1);
    expect(computeNakamoto([1, 1, 1, 1])).toBe(3); // two hold exactly half, not more
    expect(computeNakamoto([2, 1, 3, 2, 2])).toBe(3); // 3 + 2 = 5 of 10 is not more than half
    expect(computeNakamoto([1, 1, 1], 0.33)).toBe(1);
  });

  it("is null when nobody holds anything, and rejects bad input", () => {
    expect(computeNakamoto([])).toBeNull();
    expect(computeNakamoto([0, 0])).toBeNull();
    expect(() => computeNakamoto([1], 1)).toThrow(
      expect.objectContaining({ code: "CRUCIBLE_INVALID_ARGUMENT" }),
    );
    expect(() => computeNakamoto([Number.NaN])).toThrow(
      expect.objectContaining({ code: "CRUCIBLE_INVALID_ARGUMENT" }),
    );
  });
});

describe("computeLorenzCurve", () => {
  it("runs from (0,0) to (1,1) through the cumulative shares, poorest first", () => {
    expect(computeLorenzCurve([3, 1, 2])).toEqual([
      { population: 0, share: 0 },
      { population: 1 / 3, share: 1 / 6 },
      { population: 2 / 3, share: 1 / 2 },
      { population: 1, share: 1 },
    ]);
    expect(computeLorenzCurve([])).toEqual([]);
    // Nothing paid: the equality line.
    expect(computeLorenzCurve([0, 0]).map((p) => p.share)).toEqual([0, 0.5, 1]);
  });

  it("keeps both ends when thinned to maxPoints", () => {
    const points = computeLorenzCurve([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], { maxPoints: 3 });
    expect(points).toEqual([
      { population: 0, share: 0 },
      { population: 0.5, share: 0.5 },
      { population: 1, share: 1 },
    ]);
  });

  it("encloses Gini / 2 with the equality line", () => {
    fc.assert(
      fc.property(amounts, (xs) => {
        const p = computeLorenzCurve(xs);
        let under = 0;
        for (let k = 1; k < p.length; k++)
          under += ((p[k].population - p[k - 1].population) * (p[k].share + p[k - 1].share)) / 2;
        const total = xs.reduce((s, x) => s + x, 0);
        if (total > 0) expect(1 - 2 * under).toBeCloseTo(computeGini(xs), 9);
      }),
      { numRuns: 100 },
    );
  });
});

describe("computeRewardPerQuality", () => {
  it("gives tokens per unit of accuracy and the spread of each miner's ratio", () => {
    const r = computeRewardPerQuality([
      { totalReward: 2, trueQuality: 0.5 }, // 4 per unit
      { totalReward: 2, trueQuality: 0.25 }, // 8 per unit
      { totalReward: 1, trueQuality: Number.NaN }, // left out
    ]);
    expect(r.miners).toBe(2);
    expect(r.overall).toBeCloseTo(4 / 0.75, 12);
    // ratios 4 and 8: mean 6, population sd 2
    expect(r.spread).toBeCloseTo(1 / 3, 12);
    expect(computeRewardPerQuality([])).toEqual({ miners: 0, overall: null, spread: null });
  });
});

describe("bootstrapMeanCi", () => {
  it("brackets the mean, is reproducible for a seed, and collapses for constant values", () => {
    const a = bootstrapMeanCi([0, 1], createRng(1));
    expect(a.estimate).toBe(0.5);
    // Resample means are 0, ½, 1 with probabilities ¼, ½, ¼: the 95 % interval is [0, 1].
    expect([a.low, a.high]).toEqual([0, 1]);
    const values = [3, 1, 4, 1, 5, 9, 2, 6];
    expect(bootstrapMeanCi(values, createRng(7))).toEqual(bootstrapMeanCi(values, createRng(7)));
    const ci = bootstrapMeanCi(values, createRng(7));
    expect(ci.low).toBeLessThan(ci.estimate);
    expect(ci.high).toBeGreaterThan(ci.estimate);
    expect(bootstrapMeanCi([5, 5, 5], createRng(1))).toEqual({ estimate: 5, low: 5, high: 5, n: 3 });
    expect(bootstrapMeanCi([2], createRng(1))).toEqual({ estimate: 2, low: 2, high: 2, n: 1 });
    expect(() => bootstrapMeanCi([], createRng(1))).toThrow(
      expect.objectContaining({ code: "CRUCIBLE_INVALID_ARGUMENT" }),
    );
  });

  it("gives the difference of means b − a with its interval", () => {
    const d = bootstrapMeanDifferenceCi([0, 0, 0], [1, 1, 1], createRng(3));
    expect(d).toEqual({ estimate: 1, low: 1, high: 1, n: 3 });
    const e = bootstrapMeanDifferenceCi([1, 2, 3], [4, 5, 6, 7], createRng(3));
    expect(e.estimate).toBeCloseTo(3.5, 12);
    expect(e.low).toBeLessThan(3.5);
    expect(e.high).toBeGreaterThan(3.5);
    expect(e.n).toBe(3);
  });
});
