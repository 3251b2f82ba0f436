import { describe, expect, it } from "vitest";
import type { EngineSnapshot } from "./engineSnapshot.ts";
import { packSnapshot, unpackSnapshot } from "./engineSnapshot.ts";

const snapshotWith = (weights: Float64Array, publicRows: Float64Array = weights) =>
  ({
    epoch: 3,
    state: {
      weights,
      publicState: { incentive: null, consensus: null, weights: { n: 5, rows: publicRows } },
    },
  }) as unknown as EngineSnapshot;

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
    // The public copy: the same array as the weights, as the engine holds it.
    expect(back.state.publicState.weights?.rows).toBe(back.state.weights);
    const other = new Float64Array(n * n);
    other[7] = 0.5;
    const apart = unpackSnapshot(packSnapshot(snapshotWith(weights, other)));
    expect(apart.state.publicState.weights?.rows).toEqual(other);
    expect(apart.state.weights).toEqual(weights);
    // The engine's matrix is not touched, and a dense (older) snapshot passes unchanged.
    expect(weights[1 * n + 2]).toBe(0.75);
    const dense = snapshotWith(weights);
    expect(unpackSnapshot(dense)).toBe(dense);
  });
});
