import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createGpuRuntime, type GpuMode } from "../sim/mechanisms/kernels/createGpuRuntime.ts";
import { createGpuClassicBondEma, createGpuYuma3BondEma } from "../sim/mechanisms/kernels/gpuBondEma.ts";
import { createGpuClip } from "../sim/mechanisms/kernels/gpuClip.ts";
import { createGpuConsensus } from "../sim/mechanisms/kernels/gpuConsensus.ts";
import type { Yuma3EmaOptions } from "../sim/mechanisms/yuma/applyYuma3BondEma.ts";
import { TYPED_ARRAY_KERNELS as typed } from "../sim/mechanisms/yuma/yumaKernels.ts";

/**
 * gpu.js kernels against the typed-array steps. gpu.js computes in float32, so "identical" means:
 * - κ-median: the same float64 weight, bit for bit, on any input: the kernel searches in float32,
 *   and its candidate is certified (or the column recomputed) in float64;
 * - clipping: the float64 values rounded to float32, bit for bit; which entries exist, exactly;
 * - bond EMAs, against the typed path on float32-rounded inputs: deleted bonds exactly, values within
 *   a few float32 units at 1 (ULP = 2^-24): classic 4 ULP (four roundings of values ≤ 1), Yuma 3
 *   (4 + steepness/4) ULP (the rounding of W − C is scaled by the sigmoid's slope ≤ steepness/4).
 */
const ULP = 2 ** -24;
const modes: GpuMode[] = ["webasm", "cpu"];
const runtimes = new Map(modes.map((m) => [m, createGpuRuntime(m)]));
afterAll(() => {
  for (const r of runtimes.values()) r.destroy();
});

/** Shapes are few so that each kernel compiles a handful of times (a compile takes ~20 ms). */
const shapeArb = fc.constantFrom([1, 1], [3, 5], [9, 6], [16, 12]);
/** Dyadic weights with many ties and zeros: exact in float32. */
const dyadicArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 16 }).map((k) => k / 16),
);
const f32 = (xs: ArrayLike<number>) => Float64Array.from(xs, Math.fround);

describe.each(modes)("gpu.js %s kernels match the typed arrays", (mode) => {
  const runtime = runtimes.get(mode) as ReturnType<typeof createGpuRuntime>;
  const consensus = createGpuConsensus(runtime);
  const clip = createGpuClip(runtime);
  const yuma3 = createGpuYuma3BondEma(runtime);
  const classic = createGpuClassicBondEma(runtime);

  it("κ-median: identical, with ties, zero columns, zero stakes and float64 inputs", () => {
    const caseArb = shapeArb.chain(([v, n]) =>
      fc.record({
        n: fc.constant(n),
        stake: fc.array(
          fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9 }), fc.double({ min: 1e-3, max: 1e3 })),
          {
            minLength: v,
            maxLength: v,
          },
        ),
        // Few distinct values (ties), zeros, and u16-normalised float64 values.
        weights: fc.array(
          fc.oneof(
            dyadicArb,
            fc.integer({ min: 1, max: 65535 }).map((u) => u / 65535 / 3),
          ),
          {
            minLength: v * n,
            maxLength: v * n,
          },
        ),
        zeroColumn: fc.integer({ min: 0, max: n - 1 }),
        kappa: fc.oneof(
          fc.constantFrom(0, 0.25, 0.5, 1, 32767 / 65535),
          fc.double({ min: 0, max: 1, noNaN: true }),
        ),
      }),
    );
    fc.assert(
      fc.property(caseArb, ({ n, stake, weights, zeroColumn, kappa }) => {
        const w = Float64Array.from(weights);
        for (let k = zeroColumn; k < w.length; k += n) w[k] = 0;
        const s = Float64Array.from(stake);
        expect(Array.from(consensus(n, s, w, kappa))).toEqual(Array.from(typed.consensus(n, s, w, kappa)));
      }),
      { numRuns: 80 },
    );
    // No stake at all, and the hand-computed example of §1.2-6 (stakes 1:1:2, κ = 0.5 → 0.3).
    expect(Array.from(consensus(1, new Float64Array([0, 0]), new Float64Array([0.5, 0.25]), 0.5))).toEqual([
      0,
    ]);
    expect(consensus(1, new Float64Array([1, 1, 2]), new Float64Array([0.1, 0.2, 0.3]), 0.5)[0]).toBe(0.3);
  });

  it("κ-median: the kernel's own candidate is the median whenever float32 cannot blur it", () => {
    // Stakes are generic doubles (no stake sum lands on the minority) and the weights distinct in
    // float32 (ties of equal values are kept), so nothing needs recomputing.
    const caseArb = shapeArb.chain(([v, n]) =>
      fc.record({
        n: fc.constant(n),
        stake: fc.array(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), { minLength: v, maxLength: v }),
        weights: fc.array(
          fc.oneof(
            dyadicArb,
            fc.integer({ min: 1, max: 65535 }).map((u) => u / 65535 / 3),
          ),
          {
            minLength: v * n,
            maxLength: v * n,
          },
        ),
        kappa: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(caseArb, ({ n, stake, weights, kappa }) => {
        const w = Float64Array.from(weights);
        const s = Float64Array.from(stake);
        expect(Array.from(consensus(n, s, w, kappa))).toEqual(Array.from(typed.consensus(n, s, w, kappa)));
        expect(consensus.recomputedColumns).toBe(0);
      }),
      { numRuns: 80, seed: 20_250_501 },
    );
  });

  it("κ-median: a median that float32 cannot see is recomputed in float64", () => {
    // Rows 0 and 1 differ by 2^-40, one float32: the kernel takes row 0, the median is row 1.
    const x = 0.3;
    const w = new Float64Array([x, x + 2 ** -40, 0.9]);
    const s = new Float64Array([1, 1, 1]);
    expect(Math.fround(w[0])).toBe(Math.fround(w[1]));
    expect(consensus(1, s, w, 0.5)[0]).toBe(x + 2 ** -40);
    // webasm reads the weights as float32; gpu.js's cpu backend reads them as they are (float64).
    expect(consensus.recomputedColumns).toBe(mode === "webasm" ? 1 : 0);
    expect(typed.consensus(1, s, w, 0.5)[0]).toBe(x + 2 ** -40);
    consensus(1, s, new Float64Array([0.1, 0.3, 0.9]), 0.5);
    expect(consensus.recomputedColumns).toBe(0);
  });

  it("clipping: float32 rounding of the float64 values, and the same entries", () => {
    const caseArb = shapeArb.chain(([v, n]) =>
      fc.record({
        v: fc.constant(v),
        n: fc.constant(n),
        weights: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1, noNaN: true })), {
          minLength: v * n,
          maxLength: v * n,
        }),
        present: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: v * n, maxLength: v * n }),
        consensusRow: fc.integer({ min: 0, max: v - 1 }),
        zeroColumns: fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }),
      }),
    );
    fc.assert(
      fc.property(caseArb, ({ v, n, weights, present, consensusRow, zeroColumns }) => {
        const matrix = { values: Float64Array.from(weights), present: Uint8Array.from(present) };
        // Consensus taken from a row, so ties W = C occur; some columns at consensus 0.
        const c = matrix.values.slice(consensusRow * n, consensusRow * n + n);
        for (const j of zeroColumns) c[j] = 0;
        const expected = typed.clip(n, matrix, c);
        const got = clip(n, matrix, c);
        expect(Array.from(got.values)).toEqual(Array.from(expected.values, Math.fround));
        expect(Array.from(got.present)).toEqual(Array.from(expected.present));
        expect(got.values.length).toBe(v * n);
      }),
      { numRuns: 60 },
    );
  });

  it("bond EMAs: within (4 + steepness/4) float32 ULPs at 1; deleted bonds exactly", () => {
    // Values as the epoch has them (weights ≥ 1/65535 of a row, u16 bonds and alphas): no float32
    // subnormals, which float32 arithmetic may flush to zero.
    const unit = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 2 ** -30, max: 1, noNaN: true }));
    const u16 = fc.integer({ min: 0, max: 32767 }).map((u) => u / 65535);
    const caseArb = shapeArb.chain(([v, n]) =>
      fc.record({
        n: fc.constant(n),
        weights: fc.array(unit, { minLength: v * n, maxLength: v * n }),
        present: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: v * n, maxLength: v * n }),
        previous: fc.array(unit, { minLength: v * n, maxLength: v * n }),
        consensus: fc.array(unit, { minLength: n, maxLength: n }),
        alphaLow: u16,
        alphaSpan: u16,
        steepness: fc.double({ min: 0.1, max: 40, noNaN: true }),
        liquidAlpha: fc.boolean(),
        bondsUpdate: fc.constantFrom("sparse" as const, "dense" as const),
      }),
    );
    fc.assert(
      fc.property(caseArb, (x) => {
        const options: Yuma3EmaOptions = {
          liquidAlpha: x.liquidAlpha,
          alpha: Math.fround(x.alphaLow),
          alphaLow: Math.fround(x.alphaLow),
          alphaHigh: Math.fround(x.alphaLow + x.alphaSpan),
          steepness: Math.fround(x.steepness),
          bondsUpdate: x.bondsUpdate,
        };
        const w = { values: f32(x.weights), present: Uint8Array.from(x.present) };
        const previous = f32(x.previous);
        const c = f32(x.consensus);
        const expected = new Float64Array(previous.length);
        const got = new Float64Array(previous.length);
        typed.yuma3BondEma(x.n, w, previous, c, options, expected);
        yuma3(x.n, w, previous, c, options, got);
        const bound = (4 + options.steepness / 4) * ULP;
        const liquid = x.liquidAlpha && c.some((v) => v !== 0);
        for (let k = 0; k < got.length; k++) {
          if (liquid && x.bondsUpdate === "sparse" && w.present[k] === 0) expect(got[k]).toBe(0);
          expect(Math.abs(got[k] - expected[k])).toBeLessThanOrEqual(bound);
        }
        typed.classicBondEma(w.values, previous, options.alpha, expected);
        classic(w.values, previous, options.alpha, got);
        for (let k = 0; k < got.length; k++)
          expect(Math.abs(got[k] - expected[k])).toBeLessThanOrEqual(4 * ULP);
      }),
      { numRuns: 60 },
    );
  });
});
