import { describe, expect, it } from "vitest";
import { dividendWeights } from "./dividendWeights.ts";

describe("dividendWeights", () => {
  it("splits the validators' alpha by Yuma dividends and keeps other holders' alpha", () => {
    // Validators 1 and 2 hold 300 alpha together; Yuma gave them dividends 0.75 and 0.25.
    const yuma = new Map([
      [1, 0.75],
      [2, 0.25],
    ]);
    expect(dividendWeights([1, 2, 9], [100n, 200n, 50n], yuma)).toEqual([225n, 75n, 50n]);
  });

  it("falls back to alpha before any dividends", () => {
    expect(
      dividendWeights(
        [1, 2],
        [100n, 200n],
        new Map([
          [1, 0],
          [2, 0],
        ]),
      ),
    ).toEqual([100n, 200n]);
    expect(dividendWeights([1, 2], [100n, 200n], new Map())).toEqual([100n, 200n]);
  });
});
