import { describe, expect, it } from "vitest";
import type { EngineSnapshot } from "./engineSnapshot.ts";
import { packSnapshot, unpackSnapshot } from "./engineSnapshot.ts";

const snapshotWith = (weights: Float64Array) =>
  ({ epoch: 3, state: { weights } }) as unknown as EngineSnapshot;

describe("packSnapshot", () => {
  it("stores only the non-zero rows of the weights, and unpacks them exactly", () => {
    const n = 5;
    const weights = new Float64Array(n * n);
    weights.set([0, 0.25, 0.75, 0, 0], 1 * n);
    weights[3 * n + 4] = 1e-300;
    const packed = packSnapshot(snapshotWith(weights));
    const rows = (packed.state.weights as unknown as { rows: [number, Float64Array][] }).rows;
    expect(rows.map(([i]) => i)).toEqual([1, 3]);
    const back = unpackSnapshot(packed);
    expect(back.state.weights).toEqual(weights);
    expect(back.state.weights).not.toBe(weights);
    // The engine's matrix is not touched, and a dense (older) snapshot passes unchanged.
    expect(weights[1 * n + 2]).toBe(0.75);
    const dense = snapshotWith(weights);
    expect(unpackSnapshot(dense)).toBe(dense);
  });
});
