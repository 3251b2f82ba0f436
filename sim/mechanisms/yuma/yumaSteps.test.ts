import { describe, expect, it } from "vitest";
import { clipWeights } from "./clipWeights.ts";
import { computeActiveStake } from "./computeActiveStake.ts";
import { computeActivity } from "./computeActivity.ts";
import { computeClassicBonds } from "./computeClassicBonds.ts";
import { computeConsensus, weightedMedian } from "./computeConsensus.ts";
import { computeEmission } from "./computeEmission.ts";
import { computeIncentive } from "./computeIncentive.ts";
import { computeLiquidAlpha } from "./computeLiquidAlpha.ts";
import { computeValidatorPermits } from "./computeValidatorPermits.ts";
import { computeValidatorTrust } from "./computeValidatorTrust.ts";
import { computeWeightsForBonds } from "./computeWeightsForBonds.ts";
import { computeYuma3Bonds, type Yuma3BondOptions } from "./computeYuma3Bonds.ts";
import { normalizeStake } from "./normalizeStake.ts";
import { prepareWeights } from "./prepareWeights.ts";
import { quantizeBonds } from "./quantizeBonds.ts";
import { selectValidatorRows } from "./validatorRows.ts";
import { resolveYumaHyperparameters } from "./yumaHyperparameters.ts";

const f64 = (xs: number[]) => Float64Array.from(xs);
const close = (actual: ArrayLike<number>, expected: number[], digits = 12) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((x, i) => {
    expect(actual[i]).toBeCloseTo(x, digits);
  });
};
const allRows = (n: number) => selectValidatorRows(new Uint8Array(n).fill(1), []);

describe("Yuma steps (hand-computed)", () => {
  it("1 activity: inactive when lastUpdate + cutoff < block", () => {
    expect(Array.from(computeActivity(f64([0, 10, 100]), 105, 5))).toEqual([0, 0, 1]);
  });

  it("2 stake: threshold on floored stake, owner exempt, normalised", () => {
    close(normalizeStake(f64([1, 2, 3, 0.5]), 1), [1 / 6, 2 / 6, 3 / 6, 0]);
    close(normalizeStake(f64([1, 2, 3, 0.5]), 1, 3), [1 / 6.5, 2 / 6.5, 3 / 6.5, 0.5 / 6.5]);
    expect(Array.from(normalizeStake(f64([0, 0]), 0))).toEqual([0, 0]);
  });

  it("3 permits: top-k non-zero, lower UID loses ties, owner always", () => {
    const s = f64([0.1, 0.3, 0.3, 0, 0.3]);
    expect(Array.from(computeValidatorPermits(s, 2))).toEqual([0, 0, 1, 0, 1]);
    expect(Array.from(computeValidatorPermits(s, 10))).toEqual([1, 1, 1, 0, 1]);
    expect(Array.from(computeValidatorPermits(s, 2, 3))).toEqual([0, 0, 1, 1, 1]);
  });

  it("4 active stake: inactive or unpermitted stake removed, renormalised", () => {
    const sa = computeActiveStake(
      f64([0.5, 0.25, 0.25]),
      Uint8Array.from([1, 0, 1]),
      Uint8Array.from([1, 1, 1]),
    );
    close(sa, [2 / 3, 0, 1 / 3]);
  });

  it("5 weights: permit, self-weight and outdated masks, then row normalisation", () => {
    const weights = [f64([65535, 30000, 10000]), f64([100, 0, 300]), f64([1, 1, 1])];
    const permit = Uint8Array.from([1, 1, 0]);
    const rows = selectValidatorRows(permit, []);
    const lastUpdate = f64([9, 5, 9]);
    const registeredAt = f64([0, 0, 5]);
    const w = prepareWeights(3, rows, weights, undefined, permit, lastUpdate, registeredAt);
    close(w.values, [0, 0.75, 0.25, 1, 0, 0]);
    expect(Array.from(w.present)).toEqual([0, 1, 1, 1, 0, 0]);
    const owned = prepareWeights(3, rows, weights, undefined, permit, lastUpdate, registeredAt, 0);
    close(owned.values.subarray(0, 3), [65535 / 105535, 30000 / 105535, 10000 / 105535]);
  });

  it("6 consensus: the weighted-median examples of §1.2-6 (chain tests/math.rs)", () => {
    const stake = f64([0, 0.75, 0.25, 0]);
    const w = f64([0, 0.1, 0, 0, 0.2, 0.4, 0, 0.3, 0.1, 0, 0.4, 0.5]);
    close(computeConsensus(3, stake, w, 0.24), [0, 0.3, 0.4]);
    close(computeConsensus(3, stake, w, 0.26), [0, 0.2, 0.4]);
    close(computeConsensus(3, stake, w, 0.76), [0, 0.2, 0.1]);
    // Ties count together; κ = 0 gives the maximum and κ > 1 the minimum.
    expect(weightedMedian([0.2, 0.2, 0.9], [0.3, 0.3, 0.4], 0.5)).toBe(0.2);
    expect(weightedMedian([0.2, 0.5, 0.9], [0.3, 0.3, 0.4], 0)).toBe(0.9);
    expect(weightedMedian([0.2, 0.5, 0.9], [0.3, 0.3, 0.4], 1.5)).toBe(0.2);
    // Zero-stake rows never count; a column nobody weights has consensus 0.
    expect(weightedMedian([0.9, 0.1], [0, 1], 0.5)).toBe(0.1);
    expect(weightedMedian([0, 0], [0.5, 0.5], 0.5)).toBe(0);
  });

  it("7-9 clipping, validator trust, incentive", () => {
    const rows = allRows(2);
    const w = { values: f64([0.5, 0.5, 0.2, 0.8]), present: Uint8Array.from([1, 1, 1, 1]) };
    const clipped = clipWeights(2, w, f64([0.3, 0]));
    close(clipped.values, [0.3, 0, 0.2, 0]);
    expect(Array.from(clipped.present)).toEqual([1, 0, 1, 0]); // clipped to a zero consensus: dropped
    close(computeValidatorTrust(2, rows, clipped.values), [0.3, 0.2]);
    close(computeIncentive(2, rows, f64([0.6, 0.4]), clipped.values), [1, 0]);
    // 10: bonds penalty β = 0.5 halves the clipped-away part.
    const wfb = computeWeightsForBonds(w, clipped, 0.5);
    close(wfb.values, [0.4, 0.25, 0.2, 0.4]);
    expect(computeWeightsForBonds(w, clipped, 1)).toBe(clipped);
    expect(computeWeightsForBonds(w, clipped, 0)).toBe(w);
  });

  it("11 liquid alpha: d = 0 gives α_low + (α_high − α_low)/(1 + e^5), d = 1 the mirror", () => {
    const sig0 = 1 / (1 + Math.exp(5)); // 0.0066929
    expect(computeLiquidAlpha(1, 1, 0, 0.7, 0.9, 10)).toBeCloseTo(0.7 + 0.2 * sig0, 12);
    expect(computeLiquidAlpha(1, 1, 0, 0.1, 0.3, 10)).toBeCloseTo(0.1013386, 7); // chain's 0.1013 bond
    expect(computeLiquidAlpha(0, 1, 0, 0.7, 0.9, 10)).toBeCloseTo(0.7 + 0.2 * (1 - sig0), 12);
    // Selling: weight 0 below a 0.8 bond, d = 0.8.
    expect(computeLiquidAlpha(0.5, 0, 0.8, 0.7, 0.9, 10)).toBeCloseTo(0.7 + 0.2 / (1 + Math.exp(-3)), 12);
  });

  it("11a classic bonds: EMA of column-normalised ΔB and B⁰, dividends, column max-upscale", () => {
    const rows = allRows(2);
    const previous = f64([0, 65535, 0, 0]); // raw u16, column-normalised inside
    const { bonds, dividends } = computeClassicBonds(
      2,
      rows,
      f64([0, 1, 0, 1]),
      previous,
      f64([0.75, 0.25]),
      f64([0, 1]),
      0.1,
    );
    close(bonds, [0, 0.1 * 0.75 + 0.9, 0, 0.1 * 0.25]);
    close(dividends, [0.975, 0.025]);
    const stored = quantizeBonds(2, bonds, true);
    expect(Array.from(stored[0])).toEqual([0, 65535]);
    expect(Array.from(stored[1])).toEqual([0, Math.floor((0.025 / 0.975) * 65535)]); // 1680
  });

  it("11b Yuma 3 bonds: per-bond EMA, stake only in dividends, floor storage", () => {
    const rows = allRows(2);
    const options: Yuma3BondOptions = {
      liquidAlpha: false,
      alpha: 0.1,
      alphaLow: 0.7,
      alphaHigh: 0.9,
      steepness: 10,
      bondsUpdate: "sparse",
    };
    const wfb = { values: f64([0, 1, 0, 1]), present: Uint8Array.from([0, 1, 0, 1]) };
    const { bonds, dividends } = computeYuma3Bonds(
      2,
      rows,
      wfb,
      f64([0, 0.5, 0, 0]),
      f64([0, 1]),
      f64([0.75, 0.25]),
      f64([0, 1]),
      options,
    );
    close(bonds, [0, 0.55, 0, 0.1]);
    close(dividends, [(0.55 * 0.75) / (0.55 * 0.75 + 0.1 * 0.25), (0.1 * 0.25) / (0.55 * 0.75 + 0.1 * 0.25)]);
    expect(Array.from(quantizeBonds(2, bonds, false)[0])).toEqual([0, 36044]);
    // Liquid alpha, absent weight entry (validator 0 dropped miner 1) while consensus is non-zero:
    // sparse deletes the bond, dense decays it by 1 − A with A = 0.8 (d = 0.5 → sigmoid 1/2).
    const absent = { values: f64([0, 0, 0, 1]), present: Uint8Array.from([0, 0, 0, 1]) };
    const liquid = { ...options, liquidAlpha: true };
    const args = [f64([0, 0.5, 0, 0]), f64([0, 1]), f64([0.75, 0.25]), f64([0, 1])] as const;
    expect(computeYuma3Bonds(2, rows, absent, ...args, liquid).bonds[1]).toBe(0);
    expect(
      computeYuma3Bonds(2, rows, absent, ...args, { ...liquid, bondsUpdate: "dense" }).bonds[1],
    ).toBeCloseTo(0.1, 12);
  });

  it("12 emission: shares of I + D, floors, stake fallback when nothing is ranked", () => {
    const split = computeEmission(f64([0, 0.25, 0.75]), f64([1, 0, 0]), f64([1, 0, 0]), f64([1, 0, 0]), 999n);
    expect(split.serverEmission).toEqual([0n, 124n, 374n]);
    expect(split.validatorEmission).toEqual([499n, 0n, 0n]);
    const none = computeEmission(f64([0, 0]), f64([0, 0]), f64([0.5, 0.5]), f64([0, 1]), 1000n);
    expect(none.validatorEmission).toEqual([0n, 1000n]); // ∝ active stake
    const idle = computeEmission(f64([0, 0]), f64([0, 0]), f64([0.5, 0.5]), f64([0, 0]), 1000n);
    expect(idle.validatorEmission).toEqual([500n, 500n]); // no active stake: ∝ stake
  });

  it("hyperparameters: chain defaults, fractions or chain integers, not both", () => {
    const p = resolveYumaHyperparameters();
    expect(p.kappaU16).toBe(32767);
    expect(p.float.kappa).toBeCloseTo(0.4999924, 7);
    expect(p.float.bondsAlpha).toBeCloseTo(0.1, 12);
    expect([p.alphaLowU16, p.alphaHighU16, p.alphaSigmoidSteepnessI16]).toEqual([45875, 58982, 1000]);
    expect(p.activityCutoff).toBe(5000);
    expect(p.maxAllowedValidators).toBe(128);
    const q = resolveYumaHyperparameters({ kappa: 0.5, alphaSigmoidSteepness: 10, tempo: 100 });
    expect([q.kappaU16, q.float.kappa, q.alphaSigmoidSteepnessI16, q.activityCutoff]).toEqual([
      32768, 0.5, 1000, 1388,
    ]);
    expect(() => resolveYumaHyperparameters({ kappa: 0.5, kappaU16: 1 })).toThrow(/either kappa or kappaU16/);
  });
});
