import { describe, expect, it } from "vitest";
import type { MechanismInput } from "../mechanism.ts";
import { computeRegretWeights } from "./computeRegretWeights.ts";
import { createAlloraMechanism } from "./createAlloraMechanism.ts";

const M = 65535;
/** Reputers 0 (stake 3) and 1 (stake 1) score workers 2 and 3, whose measured losses are 0.2, 0.4. */
const input = (row1: number[], losses = [Number.NaN, Number.NaN, 0.2, 0.4]): MechanismInput => ({
  n: 4,
  stake: Float64Array.from([3, 1, 0, 0]),
  weights: Float64Array.from([0, 0, M, M / 2, ...row1, 0, 0, 0, 0, 0, 0, 0, 0]),
  lastUpdate: new Float64Array(4),
  registeredAt: new Float64Array(4),
  block: 1,
  losses: Float64Array.from(losses),
});

describe("Allora-style regret mechanism", () => {
  it("first epoch: equal weights, one-out scores, regret EMA (hand-computed)", () => {
    const allora = createAlloraMechanism();
    const { output, state } = allora.epoch(input([0, 0, M, M / 2]), allora.initialState(4));
    // L = (0.2 + 0.4)/2; one-out losses 0.4 and 0.2; T = ln L^-j − ln L; M(T) = ln(1 + e^{T/(σ+ε) − 0.75}).
    const t = [Math.log(0.4 / 0.3), Math.log(0.2 / 0.3)];
    const sd = Math.abs(t[0] - t[1]) / 2 + 1e-4;
    const m = t.map((x) => Math.log1p(Math.exp(x / sd - 0.75)));
    expect(output.incentive[2]).toBeCloseTo(m[0] / (m[0] + m[1]), 12);
    expect(output.incentive[3]).toBeCloseTo(m[1] / (m[0] + m[1]), 12);
    // Regrets are EMAs of log-loss differences: R = 0.1 (ln L − ln L_j) from 0.
    const r = [0.1 * Math.log(0.3 / 0.2), 0.1 * Math.log(0.3 / 0.4)];
    expect(state.regrets[2]).toBeCloseTo(r[0], 15);
    expect(state.regrets[3]).toBeCloseTo(r[1], 15);
    // σ of two regrets = half their gap; R̂ = R/(σ + ε), w = 3 / (e^{3 (0.75 − R̂)} + 1).
    const scale = (r[0] - r[1]) / 2 + 1e-4;
    const w = (x: number) => 3 / (Math.exp(3 * (0.75 - x)) + 1);
    expect(state.weights[2]).toBeCloseTo(w(r[0] / scale), 12);
    expect(state.weights[3]).toBeCloseTo(w(r[1] / scale), 12);
    // One-out shifts: D_j = 0.1 (ln L^{−j} − ln L).
    expect(state.oneOutShifts[2]).toBeCloseTo(0.1 * Math.log(0.4 / 0.3), 15);
    // Identical reports: dividends ∝ (stake share)^3.
    expect(output.dividends[0]).toBeCloseTo(27 / 28, 12);
  });

  it("later epochs lean on the better worker; a reputer far from consensus earns less", () => {
    const allora = createAlloraMechanism();
    let state = allora.initialState(4);
    const networkLoss: number[] = [];
    for (let e = 0; e < 3; e++) {
      const w = state.weights;
      networkLoss.push(e === 0 ? 0.3 : (w[2] * 0.2 + w[3] * 0.4) / (w[2] + w[3]));
      state = allora.epoch(input([0, 0, M, M / 2]), state).state;
    }
    expect(networkLoss[1]).toBeLessThan(networkLoss[0]);
    expect(state.weights[2]).toBeGreaterThan(state.weights[3]);
    const honest = allora.epoch(input([0, 0, M, M / 2]), allora.initialState(4)).output;
    const deviant = allora.epoch(input([0, 0, M / 2, M]), allora.initialState(4)).output;
    expect(deviant.dividends[1]).toBeLessThan(honest.dividends[1]);
    expect(deviant.validatorTrust[1]).toBeLessThan(honest.validatorTrust[1]);
  });

  it("regret weights: shifted up when even the best is below c − 8.25/p, zero below c − 17.25/p", () => {
    // Eight regrets of −1 and one of −1.1: σ ≈ 0.0314, R̂ ≈ −31.8 (best) → shifted to −2;
    // the outlier lands at −2 − 0.1/σ ≈ −5.2 < 0.75 − 17.25/3 = −5 → weight 0.
    const regrets = Float64Array.from([-1, -1, -1, -1, -1, -1, -1, -1, -1.1]);
    const w = computeRegretWeights(regrets, new Uint8Array(9).fill(1), 3, 0.75, 1e-4);
    expect(w[0]).toBeCloseTo(3 / (Math.exp(3 * (0.75 + 2)) + 1), 12);
    expect(w[8]).toBe(0);
  });
});
