import { describe, expect, it } from "vitest";
import { partialRankCorrelation, ranks } from "./partialRankCorrelation.ts";

describe("partialRankCorrelation", () => {
  it("ranks with ties averaged", () => {
    expect(ranks([10, 30, 20, 30])).toEqual([1, 3.5, 2, 3.5]);
  });

  it("is Spearman's rho with one input, ±1 for a monotone effect", () => {
    expect(partialRankCorrelation([[1, 2, 3, 4, 5]], [1, 8, 27, 64, 125])).toEqual([1]);
    expect(partialRankCorrelation([[1, 2, 3, 4, 5]], [5, 4, 3, 2, 1])[0]).toBeCloseTo(-1, 12);
  });

  it("ranks an input that moves the output above one that does not, on a grid", () => {
    // y = 3a + a fixed wobble that has nothing to do with b.
    const wobble = [2, -1, 0, 1, -2, 2, 0, -1, 1, -2, 1, 0];
    const a: number[] = [];
    const b: number[] = [];
    for (const x of [1, 2, 3, 4])
      for (const z of [1, 2, 3]) {
        a.push(x);
        b.push(z);
      }
    const y = a.map((x, i) => 3 * x + wobble[i]);
    const [pa, pb] = partialRankCorrelation([a, b], y) as number[];
    expect(pa).toBeGreaterThan(0.8);
    expect(Math.abs(pb)).toBeLessThan(0.3);
    // A negative effect reads negative.
    expect(
      partialRankCorrelation(
        [a, b],
        y.map((v) => -v),
      )[0],
    ).toBeLessThan(-0.8);
  });

  it("is null for an input that does not vary, inputs that move together, or a constant output", () => {
    expect(
      partialRankCorrelation(
        [
          [1, 1, 1, 1],
          [1, 2, 3, 4],
        ],
        [4, 3, 2, 1],
      ),
    ).toEqual([null, -1]);
    expect(
      partialRankCorrelation(
        [
          [1, 2, 3],
          [2, 4, 6],
        ],
        [1, 2, 3],
      ),
    ).toEqual([null, null]);
    expect(partialRankCorrelation([[1, 2, 3]], [7, 7, 7])).toEqual([null]);
  });
});
