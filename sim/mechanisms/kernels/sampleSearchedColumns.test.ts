import { describe, expect, it } from "vitest";
import { sampleSearchedColumns } from "./sampleSearchedColumns.ts";

describe("sampleSearchedColumns", () => {
  it("counts the columns whose zero-weight stake does not settle the median at 0", () => {
    // 3 rows with stakes 1:1:2 (κ = 0.5, minority 0.5) over 4 columns.
    const stake = new Float64Array([1, 1, 2]);
    const weights = new Float64Array(
      [
        [0.1, 0, 0, 0.2],
        [0.1, 0.3, 0, 0],
        [0.1, 0, 0.4, 0],
      ].flat(),
    );
    // Column 0: no zeros; 1: zeros hold 0.75 > 0.5; 2: zeros hold 0.5, not > 0.5; 3: 0.75.
    expect(sampleSearchedColumns(4, stake, weights, 0.5)).toBe(0.5);
    expect(sampleSearchedColumns(4, new Float64Array(3), weights, 0.5)).toBe(0);
  });
});
