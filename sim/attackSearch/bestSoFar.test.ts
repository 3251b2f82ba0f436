import { describe, expect, it } from "vitest";
import { bestAt, bestSoFarCurve } from "./bestSoFar.ts";

describe("bestSoFarCurve", () => {
  const rows = [
    { candidate: 0, rung: 0, spent: 0.5, value: 9 },
    { candidate: 1, rung: 0, spent: 1, value: 1 },
    { candidate: 0, rung: 1, spent: 3, value: 4 },
    { candidate: 0, rung: 1, spent: 3, value: 6 },
    { candidate: 2, rung: 1, spent: 5, value: 2 },
    { candidate: 2, rung: 1, spent: 5.5, value: 2 },
    { candidate: 3, rung: 1, spent: 7, value: 100 },
    { candidate: 3, rung: 1, spent: 7, value: null },
    { candidate: 4, rung: 1, spent: 8, value: 8 },
    { candidate: 4, rung: 1, spent: 8, value: 8 },
  ];

  it("scores full-length candidates by their mean, at the runs spent when they finished, with the running maximum", () => {
    expect(bestSoFarCurve(rows, 1)).toEqual([
      { candidate: 0, spent: 3, score: 5, best: 5 },
      { candidate: 2, spent: 5.5, score: 2, best: 5 },
      { candidate: 4, spent: 8, score: 8, best: 8 },
    ]);
  });

  it("reads the best reached at a budget (null before the first full-length candidate)", () => {
    const curve = bestSoFarCurve(rows, 1);
    expect(bestAt(curve, 2)).toBeNull();
    expect(bestAt(curve, 6)).toBe(5);
    expect(bestAt(curve, 100)).toBe(8);
  });
});
