import { describe, expect, it } from "vitest";
import { type Arithmetic, runMechanismCase } from "./runMechanismCase.ts";

/**
 * The subtensor chain's own epoch tests (pallets/subtensor/src/tests/epoch.rs @ 14bc6f9f, reference
 * §0), replayed as mechanism cases. `test_bonds` asserts stored u16 bonds exactly and logs the rao
 * emissions; the Yuma 3 tests assert dividends to 1e-3 (and list bond targets they never compare,
 * §1.10-5, checked here to 1e-3 anyway).
 */
const M = 65535;

function chainClassicCase() {
  const row = { 4: 16383, 5: 32767, 6: 49149, 7: 65535 };
  return {
    hyperparameters: { tempo: 1, minAllowedWeights: 1, bondsPenaltyU16: M, maxAllowedValidators: 8 },
    stake: [1, 2, 3, 4, 0, 0, 0, 0],
    registeredAtBlock: [1, 1, 1, 1, 1, 1, 1, 1],
    epochs: [
      { block: 1 },
      { block: 2, setWeights: { 0: row, 1: row, 2: row, 3: row } },
      { block: 3, setWeights: { 0: { 0: M } } },
      { block: 4, setWeights: { 1: { 1: M } } },
      { block: 5, setWeights: { 2: { 2: M } } },
      { block: 6, setWeights: { 2: { 7: M } } },
      { block: 7 },
      { block: 8 },
    ],
  };
}

/** test_bonds: [column, bonds of validators 0-3] after each weighted epoch, asserted exactly. */
const CLASSIC_BONDS: [number, number[]][] = [
  [4, [16383, 32767, 49151, 65535]],
  [4, [14582, 32767, 49151, 65535]],
  [4, [12603, 28321, 49151, 65535]],
  [7, [12602, 28320, 49150, 65535]],
  [7, [10951, 24609, 49150, 65535]],
  [7, [9559, 21482, 49150, 65535]],
  [7, [8376, 18824, 49150, 65535]],
];
/** The same test's logged `Emission` per UID (rao, E = 1e9) for the first three weighted epochs. */
const CLASSIC_EMISSION = [
  [49999998, 99999999, 150000000, 200000001, 49998779, 100000610, 149996337, 200004272],
  [44998351, 101110561, 151667215, 202223870, 49998779, 100000610, 149996337, 200004272],
  [40496805, 90999783, 157929636, 210573773, 49998779, 100000610, 149996337, 200004272],
];

/** setup_yuma_3_scenario: 3 validators, 2 servers (UIDs 3, 4), liquid alpha (0.1, 0.3), β = 0. */
function chainYuma3Case(stake: number[], plan: (number[][] | null)[], resets: Record<number, number[]> = {}) {
  return {
    hyperparameters: {
      yuma3: true,
      liquidAlpha: true,
      kappaU16: 32767,
      alphaLowU16: 6553,
      alphaHighU16: 19660,
      alphaSigmoidSteepnessI16: 1000,
      bondsPenaltyU16: 0,
      bondsMovingAverageU64: 975_000,
      maxAllowedValidators: 3,
      tempo: 1,
      minAllowedWeights: 1,
    },
    stake,
    registeredAtBlock: [1, 1, 1, 1, 1],
    epochs: [
      { block: 2 },
      ...plan.map((rows, k) => ({
        block: 3 + k,
        ...(rows ? { setWeights: Object.fromEntries(rows.map((r, i) => [i, { 3: r[0], 4: r[1] }])) } : {}),
        ...(resets[k] ? { resetBonds: resets[k] } : {}),
      })),
    ],
  };
}
const all = (r: number[]) => [r, r, r];
const S1 = [M, 0];
const S2 = [0, M];

describe.each(["fixed", "float64"] as Arithmetic[])("chain test vectors (%s)", (arithmetic) => {
  it("test_bonds (classic Yuma): stored u16 bonds and emissions", () => {
    const out = runMechanismCase(chainClassicCase(), { arithmetic }).epochs.slice(1);
    CLASSIC_BONDS.forEach(([column, expected], k) => {
      const got = [0, 1, 2, 3].map((i) => out[k].bonds[i][column]);
      if (arithmetic === "fixed") expect(got).toEqual(expected);
      else for (const [i, b] of got.entries()) expect(Math.abs(b - expected[i])).toBeLessThanOrEqual(1);
    });
    CLASSIC_EMISSION.forEach((expected, k) => {
      const got = out[k].emission.map(Number);
      if (arithmetic === "fixed") expect(got).toEqual(expected);
      else for (const [i, e] of got.entries()) expect(Math.abs(e - expected[i])).toBeLessThanOrEqual(2);
    });
  });

  it("test_yuma_3_kappa_moves_first: dividends and bonds", () => {
    const plan = [all(S1), [S2, S1, S1], [S2, S2, S1], all(S2), null, null];
    const dividends = [
      [0.8, 0.1, 0.1],
      [1.0, 0.0, 0.0],
      [0.9382, 0.0618, 0.0],
      [0.8819, 0.0773, 0.0407],
      [0.8564, 0.0844, 0.0592],
      [0.8418, 0.0884, 0.0697],
    ];
    const bonds = [
      [0.1013, 0.0, 0.1013, 0.0, 0.1013, 0.0],
      [0.0908, 0.1013, 0.3697, 0.0, 0.3697, 0.0],
      [0.0815, 0.1924, 0.317, 0.1013, 0.558, 0.0],
      [0.0731, 0.2742, 0.2765, 0.1924, 0.4306, 0.1013],
      [0.0656, 0.3478, 0.2435, 0.2742, 0.3589, 0.1924],
      [0.0588, 0.4139, 0.2157, 0.3478, 0.3089, 0.2742],
    ];
    const out = runMechanismCase(chainYuma3Case([8, 1, 1, 0, 0], plan), { arithmetic }).epochs.slice(1);
    out.forEach((e, k) => {
      dividends[k].forEach((d, i) => {
        expect(Math.abs(e.dividends[i] - d)).toBeLessThanOrEqual(1e-3);
      });
      const got = [0, 1, 2].flatMap((i) => [e.bonds[i][3] / M, e.bonds[i][4] / M]);
      got.forEach((b, x) => {
        expect(Math.abs(b - bonds[k][x])).toBeLessThanOrEqual(1e-3);
      });
    });
  });

  it("test_yuma_3_one_epoch_switch: dividends", () => {
    const plan = [all(S1), all(S1), [S1, S1, S2], all(S1), all(S1), all(S1)];
    const dividends = [
      [0.33, 0.33, 0.34],
      [0.33, 0.33, 0.34],
      [0.3782, 0.3782, 0.2436],
      [0.3628, 0.3628, 0.2745],
      [0.3541, 0.3541, 0.2917],
      [0.3487, 0.3487, 0.3026],
    ];
    const out = runMechanismCase(chainYuma3Case([33, 33, 34, 0, 0], plan), { arithmetic }).epochs.slice(1);
    out.forEach((e, k) => {
      dividends[k].forEach((d, i) => {
        expect(Math.abs(e.dividends[i] - d)).toBeLessThanOrEqual(1e-3);
      });
    });
  });

  it("test_yuma_3_bonds_reset: dividends around a reset of server 1's bonds", () => {
    const plan = Array.from({ length: 41 }, (_, k) =>
      k === 0 ? all(S1) : k === 1 ? [S1, S2, S2] : k <= 20 ? all(S2) : k === 21 ? [S2, S1, S1] : all(S1),
    );
    const targets: Record<number, number[]> = {
      0: [0.8, 0.1, 0.1],
      1: [0.8944, 0.0528, 0.0528],
      2: [0.523, 0.2385, 0.2385],
      19: [0.7919, 0.104, 0.104],
      20: [0.7928, 0.1036, 0.1036],
      21: [0.8467, 0.0766, 0.0766],
      40: [0.7928, 0.1036, 0.1036],
    };
    const out = runMechanismCase(chainYuma3Case([8, 1, 1, 0, 0], plan, { 20: [3] }), {
      arithmetic,
    }).epochs.slice(1);
    for (const [k, expected] of Object.entries(targets)) {
      expected.forEach((d, i) => {
        expect(Math.abs(out[Number(k)].dividends[i] - d)).toBeLessThanOrEqual(1e-3);
      });
    }
    expect(out[20].bonds[0][3]).toBe(0); // reset, and β = 0 with weight 0 → stays 0
  });
});
