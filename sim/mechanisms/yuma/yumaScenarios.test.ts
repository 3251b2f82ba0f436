import { describe, expect, it } from "vitest";
import { runYumaEpoch } from "./runYumaEpoch.ts";
import type { YumaEpochResult } from "./yumaEpochTypes.ts";
import { resolveYumaHyperparameters, type YumaHyperparametersInput } from "./yumaHyperparameters.ts";

/**
 * Multi-epoch Yuma scenarios (3 validators V0-V2, miners M3, M4). Epoch 0 at block 1 has no
 * weights and only hands out permits (the one-epoch lag); epoch k runs at block k + 1, right after
 * the weight rows it sets. Numbers of the first two weighted epochs are derived by hand in comments.
 */
const M = 65535;
const toM3 = [0, 0, 0, M, 0];
const toM4 = [0, 0, 0, 0, M];

interface Step {
  set?: Record<number, number[]>;
  resetBonds?: number[];
}

function simulate(params: YumaHyperparametersInput, stake: number[], steps: Step[]): YumaEpochResult[] {
  const p = resolveYumaHyperparameters({ tempo: 1, ...params });
  const n = stake.length;
  const weights: (Float64Array | undefined)[] = new Array(n).fill(undefined);
  const lastUpdate = new Float64Array(n);
  let permits: Uint8Array = new Uint8Array(n);
  let bonds: (Uint16Array | undefined)[] = new Array(n).fill(undefined);
  const results: YumaEpochResult[] = [];
  [{}, ...steps].forEach((step, k) => {
    const block = k + 1;
    for (const [uid, row] of Object.entries(step.set ?? {})) {
      weights[Number(uid)] = Float64Array.from(row);
      lastUpdate[Number(uid)] = block;
    }
    for (const j of step.resetBonds ?? []) bonds = bonds.map((row) => row?.map((b, c) => (c === j ? 0 : b)));
    const r = runYumaEpoch(
      {
        n,
        block,
        stake: Float64Array.from(stake),
        weights,
        lastUpdate,
        registeredAt: new Float64Array(n),
        previousPermits: permits,
        bonds,
        lastEpochBlock: k === 0 ? undefined : block - 1,
      },
      p,
    );
    permits = r.validatorPermit;
    bonds = r.bonds;
    results.push(r);
  });
  return results.slice(1);
}

const yuma3 = { yuma3: true, bondsMovingAverage: 0.9 };
const classic = { yuma3: false, bondsMovingAverage: 0.9 };
const b1 = 6553 / M; // stored floor(0.1 · 65535) read back as a proportion
const bond = (r: YumaEpochResult, i: number, j: number) => r.bonds[i]?.[j] ?? 0;

describe("Yuma scenarios", () => {
  it("a big validator that moves late: early movers are clipped and lose dividends (Yuma 3)", () => {
    const all = { 0: toM3, 1: toM3, 2: toM3 };
    const [e1, e2, e3, e4] = simulate(
      yuma3,
      [6, 2, 2, 0, 0],
      [
        { set: all },
        { set: { 1: toM4, 2: toM4 } }, // the small validators move first
        { set: { 0: toM4 } }, // the big one follows
        {},
      ],
    );
    // Epoch 1: everyone on M3; every bond = 0.1 · 1, dividends ∝ stake.
    expect(Array.from(e1.consensus)).toEqual([0, 0, 0, 1, 0]);
    expect(Array.from(e1.incentive)).toEqual([0, 0, 0, 1, 0]);
    [0.6, 0.2, 0.2, 0, 0].forEach((d, i) => {
      expect(e1.dividends[i]).toBeCloseTo(d, 12);
    });
    expect([bond(e1, 0, 3), bond(e1, 1, 3), bond(e1, 2, 3)]).toEqual([6553, 6553, 6553]);
    expect(e1.serverEmission[3]).toBe(500_000_000n);
    expect(e1.validatorEmission.slice(0, 3)).toEqual([300_000_000n, 100_000_000n, 100_000_000n]);
    // Epoch 2: M4 has 40% < κ of the stake → C4 = 0 and V1, V2 are clipped to nothing.
    expect(Array.from(e2.consensus)).toEqual([0, 0, 0, 1, 0]);
    expect(Array.from(e2.validatorTrust)).toEqual([1, 0, 0, 0, 0]);
    // Bonds on M3: V0 0.1 + 0.9 b1, V1/V2 decay to 0.9 b1; D_i ∝ S_i · B_i3.
    const d0 = 0.6 * (0.1 + 0.9 * b1);
    const d1 = 0.2 * 0.9 * b1;
    expect(e2.dividends[0]).toBeCloseTo(d0 / (d0 + 2 * d1), 12); // 0.76000
    expect(e2.dividends[1]).toBeCloseTo(d1 / (d0 + 2 * d1), 12); // 0.12000
    expect(bond(e2, 1, 4)).toBe(0);
    // Direction: the late mover gains above its stake share, the early movers fall below theirs.
    expect(e2.dividends[0]).toBeGreaterThan(0.6);
    expect(e2.dividends[1]).toBeLessThan(0.2);
    // Once the big validator moves, M4 takes the incentive and bonds on M4 grow equally.
    expect(e3.incentive[4]).toBe(1);
    expect(bond(e3, 1, 4)).toBe(bond(e3, 0, 4));
    expect(bond(e4, 0, 4)).toBeGreaterThan(bond(e3, 0, 4));
    expect(bond(e4, 0, 3)).toBeLessThan(bond(e3, 0, 3));
  });

  it("a validator that switches miner alone loses trust and dividends (classic)", () => {
    const [e1, e2, e3, e4] = simulate(
      classic,
      [4, 3, 3, 0, 0],
      [{ set: { 0: toM3, 1: toM3, 2: toM3 } }, { set: { 2: toM4 } }, {}, {}],
    );
    // Epoch 1: ΔB = S^a on M3 column-normalised; B = ΔB; stored column max-upscaled.
    [0.4, 0.3, 0.3].forEach((d, i) => {
      expect(e1.dividends[i]).toBeCloseTo(d, 12);
    });
    expect([bond(e1, 0, 3), bond(e1, 1, 3), bond(e1, 2, 3)]).toEqual([65535, 49151, 49151]);
    // Epoch 2: M4 has 30% < κ → clipped; ΔB on M3 = [0.4, 0.3, 0]/0.7; B⁰ = stored / 163837.
    expect(e2.validatorTrust[2]).toBe(0);
    expect(e2.incentive[4]).toBe(0);
    const b0 = [65535, 49151, 49151].map((x) => x / 163837);
    const expected = [0.1 * (4 / 7) + 0.9 * b0[0], 0.1 * (3 / 7) + 0.9 * b0[1], 0.9 * b0[2]];
    expected.forEach((d, i) => {
      expect(e2.dividends[i]).toBeCloseTo(d, 12);
    });
    // Direction: the switcher's dividends decay epoch after epoch, the others' grow.
    expect(e2.dividends[2]).toBeLessThan(0.3);
    expect(e3.dividends[2]).toBeLessThan(e2.dividends[2]);
    expect(e4.dividends[2]).toBeLessThan(e3.dividends[2]);
    expect(e4.dividends[0]).toBeGreaterThan(e2.dividends[0]);
  });

  it("an inactive validator: no dividends in Yuma 3, decaying dividends in classic", () => {
    const keep = { 0: toM3, 1: toM3 };
    const steps: Step[] = [
      { set: { 0: toM3, 1: toM3, 2: toM3 } },
      { set: keep },
      { set: keep },
      { set: keep },
    ];
    const y = simulate({ ...yuma3, activityCutoff: 2 }, [4, 3, 3, 0, 0], steps);
    const c = simulate({ ...classic, activityCutoff: 2 }, [4, 3, 3, 0, 0], steps);
    // Epochs 1-2 (blocks 2-3): V2 last updated at block 2, still active (2 + 2 ≥ 3).
    for (const e of [y[0], y[1]])
      [0.4, 0.3, 0.3].forEach((d, i) => {
        expect(e.dividends[i]).toBeCloseTo(d, 12);
      });
    expect(bond(y[1], 2, 3)).toBe(Math.floor((0.1 + 0.9 * b1) * M)); // 12451
    // Block 5: 2 + 2 < 5 → inactive; its stake leaves the active stake.
    expect(y[3].active[2]).toBe(0);
    expect(y[3].activeStake[2]).toBe(0);
    expect(y[3].dividends[2]).toBe(0);
    expect(y[3].dividends[0]).toBeCloseTo(4 / 7, 12);
    // Classic: its bond share decays (ΔB_2 = W̃ · S^a_2 = 0) but still earns.
    expect(c[3].dividends[2]).toBeGreaterThan(0);
    expect(c[3].dividends[2]).toBeLessThan(c[2].dividends[2]);
    expect(c[2].dividends[2]).toBeLessThan(0.3);
  });

  it("a bonds reset restarts the column's bonds from α · W̃ (Yuma 3)", () => {
    const all = { 0: toM3, 1: toM3, 2: toM3 };
    const reset = simulate(
      yuma3,
      [6, 2, 2, 0, 0],
      [{ set: all }, { set: all }, { set: all, resetBonds: [3] }],
    );
    const kept = simulate(yuma3, [6, 2, 2, 0, 0], [{ set: all }, { set: all }, { set: all }]);
    expect(bond(reset[1], 0, 3)).toBe(Math.floor((0.1 + 0.9 * b1) * M)); // 12451
    expect(bond(reset[2], 0, 3)).toBe(6553); // back to 0.1 · 1
    expect(bond(kept[2], 0, 3)).toBe(Math.floor((0.1 + 0.9 * (12451 / M)) * M)); // 17759
    // Everyone was reset alike, so dividends stay ∝ stake.
    [0.6, 0.2, 0.2].forEach((d, i) => {
      expect(reset[2].dividends[i]).toBeCloseTo(d, 12);
    });
  });
});
