import { describe, expect, it } from "vitest";
import type { MechanismInput } from "../mechanism.ts";
import { createAlloraMechanism } from "./createAlloraMechanism.ts";

/**
 * UID 0 is a reputer; UIDs 1-3 are good forecasters (MSE 0.9, 1.0, 1.1), UID 4 mediocre (3) and
 * UID 5 terrible (100), as the forecasting scenario's tiers. Epoch 0 has no truth yet (all NaN).
 */
const n = 6;
const LOSSES = [Number.NaN, 0.9, 1, 1.1, 3, 100];
const input = (epoch: number): MechanismInput => {
  const weights = new Float64Array(n * n);
  for (let j = 1; j < n; j++) weights[j] = Math.round((65535 * 1.9) / (1 + LOSSES[j]));
  return {
    n,
    stake: Float64Array.from([1, 0, 0, 0, 0, 0]),
    weights,
    lastUpdate: new Float64Array(n),
    registeredAt: new Float64Array(n),
    block: epoch,
    losses: Float64Array.from(LOSSES, (l) => (epoch === 0 ? Number.NaN : l)),
  };
};

describe("Allora regret mechanism with an outlier worker", () => {
  it("pays good > mediocre > terrible, and the outlier does not flatten the others' weights", () => {
    const allora = createAlloraMechanism();
    let state = allora.initialState(n);
    const total = new Float64Array(n);
    for (let epoch = 0; epoch < 9; epoch++) {
      const result = allora.epoch(input(epoch), state);
      state = result.state;
      if (epoch === 0) {
        expect(Array.from(result.output.incentive)).toEqual(new Array(n).fill(0));
        expect(state.regrets.every(Number.isNaN)).toBe(true);
      }
      for (let j = 0; j < n; j++) total[j] += result.output.incentive[j];
    }
    // Rewards follow quality. (With regrets on raw MSE the terrible worker's regret dominated σ(R),
    // the mediocre one kept ~90% of a good worker's weight, and the terrible one, already at weight
    // ~0, had a one-out score ≈ 0 and earned ~6× the mediocre one.)
    expect(total[1]).toBeGreaterThan(total[2]);
    expect(total[2]).toBeGreaterThan(total[3]);
    expect(total[3]).toBeGreaterThan(total[4]);
    expect(total[4]).toBeGreaterThan(total[5]);
    // Regrets in log space: the mediocre worker's weight falls well below a good worker's.
    expect(state.regrets[4]).toBeLessThan(0);
    expect(state.weights[4]).toBeLessThan(0.25 * state.weights[3]);
    expect(state.weights[5]).toBeLessThan(1e-3 * state.weights[3]);
    // The network is better without the terrible worker (it widens σ(R)): its one-out shift is < 0.
    expect(state.oneOutShifts[5]).toBeLessThan(0);
  });
});
