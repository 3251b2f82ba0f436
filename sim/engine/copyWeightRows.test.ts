import { describe, expect, it } from "vitest";
import { copyWeightRows } from "./copyWeightRows.ts";

describe("copyWeightRows", () => {
  it("equals slice() when only UIDs with an accepted reveal have rows, and shares no memory", () => {
    const n = 5;
    const weights = new Float64Array(n * n);
    const lastUpdate = new Float64Array(n);
    for (const [uid, block] of [
      [0, 12],
      [3, 7],
    ]) {
      lastUpdate[uid] = block;
      for (let j = 0; j < n; j++) weights[uid * n + j] = (uid + 1) * 1000 + j;
    }
    weights[3 * n + 4] = 0; // a zero inside a kept row stays
    const copy = copyWeightRows(weights, n, lastUpdate);
    expect(copy).toEqual(weights.slice());
    copy[0] = -1;
    expect(weights[0]).toBe(1000);
    // A row without an accepted reveal is not copied (by definition it is zero).
    weights[2 * n + 1] = 5;
    expect(copyWeightRows(weights, n, lastUpdate)[2 * n + 1]).toBe(0);
  });
});
