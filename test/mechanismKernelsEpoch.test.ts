import { afterAll, describe, expect, it } from "vitest";
import { CrucibleError } from "../sim/errors/CrucibleError.ts";
import {
  createYumaKernels,
  DEFAULT_YUMA_KERNEL_CHOICE,
} from "../sim/mechanisms/kernels/createYumaKernels.ts";
import { runYumaEpoch } from "../sim/mechanisms/yuma/runYumaEpoch.ts";
import type { YumaEpochInput, YumaEpochResult } from "../sim/mechanisms/yuma/yumaEpochTypes.ts";
import { resolveYumaHyperparameters } from "../sim/mechanisms/yuma/yumaHyperparameters.ts";
import { TYPED_ARRAY_KERNELS, type YumaKernels } from "../sim/mechanisms/yuma/yumaKernels.ts";
import { createRng } from "../sim/rng/createRng.ts";

/**
 * A subnet of `v` validators scoring `n` UIDs: most weights follow a shared quality with noise, some
 * validators skip UIDs, one validator has no stake; bonds from an earlier epoch.
 */
function subnet(seed: number, v: number, n: number): YumaEpochInput {
  const rng = createRng(seed).fork("kernels-epoch");
  const quality = Float64Array.from({ length: n }, () => rng.float());
  const stake = new Float64Array(n);
  for (let i = 0; i < v; i++) stake[i] = i === 1 ? 0 : 1 + rng.int(0, 999);
  const weights = Array.from({ length: n }, (_, i) =>
    i < v
      ? Float64Array.from(quality, (q, j) => (j < v || rng.float() < 0.2 ? 0 : 1 + Math.floor(q * 65534)))
      : undefined,
  );
  const bonds = Array.from({ length: n }, (_, i) =>
    i < v ? Uint16Array.from({ length: n }, () => (rng.float() < 0.5 ? rng.int(0, 65535) : 0)) : undefined,
  );
  return {
    n,
    block: 10,
    stake,
    weights,
    lastUpdate: new Float64Array(n).fill(10),
    registeredAt: new Float64Array(n),
    previousPermits: new Uint8Array(n).fill(1, 0, v),
    bonds,
    lastEpochBlock: 9,
  };
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, x, k) => Math.max(m, Math.abs(x - b[k])), 0);

const allWebasm = createYumaKernels(
  { consensus: "webasm", clip: "webasm", yuma3BondEma: "webasm", classicBondEma: "webasm" },
  { minCells: 0 },
);
const defaultFromZero = createYumaKernels({}, { minCells: 0, minSearched: 0 });
afterAll(() => {
  allWebasm.destroy();
  defaultFromZero.destroy();
});

describe.each([
  ["Yuma 3, liquid alpha", { yuma3: true, liquidAlpha: true }],
  ["classic Yuma", { yuma3: false }],
])("whole epochs with gpu.js kernels (%s)", (_, settings) => {
  const params = resolveYumaHyperparameters({ ...settings, maxAllowedValidators: 24 });

  it("the default set (gpu.js κ-median from any size) gives the typed result bit for bit", () => {
    for (const seed of [1, 2, 3]) {
      const input = subnet(seed, 24, 96);
      const typed = runYumaEpoch(input, params, undefined, undefined, undefined, TYPED_ARRAY_KERNELS);
      const got = runYumaEpoch(input, params, undefined, undefined, undefined, defaultFromZero.kernels);
      expect(got).toEqual(typed);
    }
    expect(defaultFromZero.runtimes.has("webasm")).toBe(true);
  });

  it("all four steps in gpu.js: same consensus, float32-close shares, stored u16 bonds within 1", () => {
    const run = (input: YumaEpochInput, kernels: YumaKernels) =>
      runYumaEpoch(input, params, undefined, undefined, undefined, kernels);
    const compare = (got: YumaEpochResult, typed: YumaEpochResult, tolerance: number, bondUnits: number) => {
      expect(Array.from(got.consensus)).toEqual(Array.from(typed.consensus));
      expect(maxDiff(got.incentive, typed.incentive)).toBeLessThan(tolerance);
      expect(maxDiff(got.dividends, typed.dividends)).toBeLessThan(tolerance);
      for (let i = 0; i < typed.bonds.length; i++) {
        expect(got.bonds[i] === undefined).toBe(typed.bonds[i] === undefined);
        expect(maxDiff(got.bonds[i] ?? [], typed.bonds[i] ?? [])).toBeLessThanOrEqual(bondUnits);
      }
    };
    for (const seed of [4, 5]) {
      const input = subnet(seed, 24, 96);
      const typed = run(input, TYPED_ARRAY_KERNELS);
      const got = run(input, allWebasm.kernels);
      compare(got, typed, 1e-6, 1);
      // A second epoch, each path from its own stored bonds (already up to 1 apart: one more unit).
      const next = (r: YumaEpochResult) => ({ ...input, block: 11, lastEpochBlock: 10, bonds: r.bonds });
      compare(run(next(got), allWebasm.kernels), run(next(typed), TYPED_ARRAY_KERNELS), 1e-5, 2);
    }
  });
});

describe("kernel selection", () => {
  it("defaults to the gpu.js κ-median and typed arrays for clipping and both EMAs", () => {
    expect(DEFAULT_YUMA_KERNEL_CHOICE).toEqual({
      consensus: "webasm",
      clip: "typed",
      yuma3BondEma: "typed",
      classicBondEma: "typed",
    });
    const set = createYumaKernels();
    expect(set.kernels.clip).toBe(TYPED_ARRAY_KERNELS.clip);
    expect(set.kernels.yuma3BondEma).toBe(TYPED_ARRAY_KERNELS.yuma3BondEma);
    expect(set.kernels.classicBondEma).toBe(TYPED_ARRAY_KERNELS.classicBondEma);
    set.destroy();
  });

  it("runs the gpu.js κ-median from minCells cells with most medians non-zero, and starts gpu.js only then", () => {
    const set = createYumaKernels({}, { minCells: 64 });
    const stake = new Float64Array([1, 2, 3, 4]);
    set.kernels.consensus(8, stake, new Float64Array(32).fill(0.25), 0.5); // 32 cells: typed
    const sparse = Float64Array.from({ length: 64 }, (_, k) => (k % 16 < 4 ? 0.5 : 0));
    set.kernels.consensus(16, stake, sparse, 0.5); // 64 cells, 12 of 16 medians 0: typed
    expect(set.runtimes.size).toBe(0);
    const weights = Float64Array.from({ length: 64 }, (_, k) => (k % 5) / 8);
    const got = set.kernels.consensus(16, stake, weights, 0.5); // 64 cells: webasm
    expect(set.runtimes.get("webasm")?.compiled).toBe(1);
    expect(Array.from(got)).toEqual(Array.from(TYPED_ARRAY_KERNELS.consensus(16, stake, weights, 0.5)));
    set.destroy();
  });

  it("refuses gpu.js webgpu with a reason (its kernels are asynchronous; no adapter here)", () => {
    expect(() => createYumaKernels({ consensus: "webgpu" })).toThrow(CrucibleError);
    expect(() => createYumaKernels({ clip: "webgpu" })).toThrow(/webgpu/);
  });
});
