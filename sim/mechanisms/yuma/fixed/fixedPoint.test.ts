import { describe, expect, it } from "vitest";
import { fixedExp, fixedExpSafe } from "./fixedExp.ts";
import { fixedLiquidAlpha } from "./fixedLiquidAlpha.ts";
import { fixedWeightedMedianColumns } from "./fixedWeightedMedian.ts";
import { fromInt, mul, ONE, proportionToU16, safeDiv, toNumber, toU16, u16Proportion } from "./i32f32.ts";
import { maxUpscaleWeights } from "./maxUpscaleWeights.ts";

const fx = (x: number) => BigInt(Math.round(x * 2 ** 32));

describe("I32F32 (substrate-fixed rules)", () => {
  it("multiplies with floor, divides with truncation, 0 on division by zero", () => {
    expect(mul(3n, ONE / 2n)).toBe(1n); // 3 ulp · 0.5 = 1.5 ulp → 1
    expect(mul(-3n, ONE / 2n)).toBe(-2n); // floor, not truncation
    expect(safeDiv(-3n, 2n * ONE)).toBe(-1n); // truncation toward zero
    expect(safeDiv(ONE, 0n)).toBe(0n);
    expect(toU16(fromInt(70000))).toBe(65535);
    expect(toU16(fx(12.99))).toBe(12);
    expect(proportionToU16(u16Proportion(12345))).toBe(12344); // x/65535·65535 truncates twice
  });

  it("exp: the library's Taylor series, e^x to ~1e-8 and the I9F23 constant at x = 1", () => {
    expect(fixedExp(0n)).toBe(ONE);
    expect(fixedExp(ONE)).toBe(22_802_600n << 9n);
    expect(toNumber(fixedExp(fromInt(5)) ?? 0n)).toBeCloseTo(Math.exp(5), 6);
    expect(toNumber(fixedExp(fromInt(-5)) ?? 0n)).toBeCloseTo(Math.exp(-5), 8);
    // Clamped to 20, where the series stops at x^31/31! and falls 0.8% short of e^20, as on chain.
    let series = 0;
    for (let i = 0, term = 1; i < 32; term *= 20 / (i + 1), i++) series += term;
    expect(toNumber(fixedExpSafe(fromInt(30))) / series).toBeCloseTo(1, 8);
    expect(series / Math.exp(20)).toBeLessThan(0.992);
  });

  it("liquid alpha at d = 0 (chain test setup: α = 0.1..0.3, steepness 1000) ≈ 0.1013", () => {
    const low = safeDiv(fromInt(6553), fromInt(65535));
    const high = safeDiv(fromInt(19660), fromInt(65535));
    const a = fixedLiquidAlpha(ONE, ONE, 0n, low, high, 1000);
    expect(toNumber(a)).toBeCloseTo(6553 / 65535 + 13107 / 65535 / (1 + Math.exp(5)), 7);
  });

  it("max-upscales weight rows like set_weights (round half away from zero)", () => {
    expect(maxUpscaleWeights([100, 300])).toEqual([21845, 65535]);
    expect(maxUpscaleWeights([1, 2])).toEqual([32768, 65535]);
    expect(maxUpscaleWeights([16383, 32767, 49149, 65535])).toEqual([16383, 32767, 49149, 65535]);
    expect(maxUpscaleWeights([0, 0])).toEqual([0, 0]);
  });

  it("weighted median: the chain's partition search gives the §1.2-6 examples", () => {
    const stake = [0, fx(0.75), fx(0.25), 0].map(BigInt);
    const rows: [number, bigint][][] = [
      [[1, fx(0.1)]],
      [
        [1, fx(0.2)],
        [2, fx(0.4)],
      ],
      [
        [1, fx(0.3)],
        [2, fx(0.1)],
      ],
      [
        [1, fx(0.4)],
        [2, fx(0.5)],
      ],
    ];
    const median = (kappa: number) => fixedWeightedMedianColumns(stake, rows, 3, fx(kappa)).map(toNumber);
    expect(median(0.24).map((x) => x.toFixed(6))).toEqual(["0.000000", "0.300000", "0.400000"]);
    expect(median(0.26).map((x) => x.toFixed(6))).toEqual(["0.000000", "0.200000", "0.400000"]);
    expect(median(0.76).map((x) => x.toFixed(6))).toEqual(["0.000000", "0.200000", "0.100000"]);
  });
});
