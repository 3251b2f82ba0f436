import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runYumaEpoch } from "./runYumaEpoch.ts";
import type { YumaEpochInput, YumaEpochResult } from "./yumaEpochTypes.ts";
import { resolveYumaHyperparameters, type YumaHyperparameters } from "./yumaHyperparameters.ts";
import { YumaWorkspace } from "./yumaWorkspace.ts";

/** A random subnet: stakes (some zero), weight rows (some missing, many zero entries), settings. */
const subnetArb = fc.integer({ min: 3, max: 8 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    stake: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 1000, noNaN: true })), {
      minLength: n,
      maxLength: n,
    }),
    rows: fc.array(
      fc.option(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 65535 })), {
          minLength: n,
          maxLength: n,
        }),
        { nil: undefined },
      ),
      { minLength: n, maxLength: n },
    ),
    secondRows: fc.array(
      fc.option(fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: n, maxLength: n }), {
        nil: undefined,
      }),
      { minLength: n, maxLength: n },
    ),
    yuma3: fc.boolean(),
    liquidAlpha: fc.boolean(),
    bondsPenaltyU16: fc.constantFrom(0, 32768, 65535),
    kappaU16: fc.integer({ min: 1000, max: 64000 }),
    bondsUpdate: fc.constantFrom("sparse" as const, "dense" as const),
    emission: fc.bigInt({ min: 0n, max: 10n ** 15n }),
  }),
);
type Subnet = typeof subnetArb extends fc.Arbitrary<infer T> ? T : never;

/** Runs a permit epoch then two weighted epochs; UID order given by `perm` (identity by default). */
function runThree(
  s: Subnet,
  perm: number[] = [...Array(s.n).keys()],
  workspace?: YumaWorkspace,
): YumaEpochResult[] {
  const params: YumaHyperparameters = resolveYumaHyperparameters({
    yuma3: s.yuma3,
    liquidAlpha: s.liquidAlpha,
    bondsPenaltyU16: s.bondsPenaltyU16,
    kappaU16: s.kappaU16,
    bondsUpdate: s.bondsUpdate,
    maxAllowedValidators: s.n,
    tempo: 1,
  });
  const n = s.n;
  const inv = new Array(n);
  perm.forEach((p, i) => {
    inv[p] = i;
  }); // new UID p holds old UID i
  const permuteRow = (row: number[] | undefined) =>
    row ? Float64Array.from(perm, (_, p) => row[inv[p]]) : undefined;
  const stake = Float64Array.from(perm, (_, p) => s.stake[inv[p]]);
  let permits: Uint8Array = new Uint8Array(n);
  let bonds: (Uint16Array | undefined)[] = new Array(n).fill(undefined);
  const out: YumaEpochResult[] = [];
  [undefined, s.rows, s.secondRows].forEach((rows, k) => {
    const block = k + 1;
    const weights = rows ? Array.from({ length: n }, (_, p) => permuteRow(rows[inv[p]] ?? undefined)) : [];
    const input: YumaEpochInput = {
      n,
      block,
      stake,
      weights,
      lastUpdate: new Float64Array(n).fill(block),
      registeredAt: new Float64Array(n),
      previousPermits: permits,
      bonds,
      lastEpochBlock: k === 0 ? undefined : block - 1,
    };
    const r = runYumaEpoch(input, params, undefined, s.emission, workspace);
    permits = r.validatorPermit;
    bonds = r.bonds;
    out.push(r);
  });
  return out;
}

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);

describe("Yuma properties", () => {
  it("incentive and dividends are non-negative and sum to 1 when any clipped weight survives, else 0", () => {
    fc.assert(
      fc.property(subnetArb, (s) => {
        for (const r of runThree(s)) {
          for (const x of [...r.incentive, ...r.dividends]) expect(x).toBeGreaterThanOrEqual(0);
          const ranked = Array.from(r.validatorTrust).some((t, i) => t > 0 && r.activeStake[i] > 0);
          expect(sum(r.incentive)).toBeCloseTo(ranked ? 1 : 0, 9);
          expect(sum(r.dividends)).toBeCloseTo(ranked ? 1 : 0, 9);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("emission paid never exceeds the epoch's emission", () => {
    fc.assert(
      fc.property(subnetArb, (s) => {
        for (const r of runThree(s)) {
          const paid = [...r.serverEmission, ...r.validatorEmission].reduce((a, b) => a + b, 0n);
          expect(paid <= s.emission).toBe(true);
          expect(r.combinedEmission.reduce((a, b) => a + b, 0n) <= s.emission).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("permuting UIDs permutes every output", () => {
    fc.assert(
      fc.property(
        subnetArb.chain((s) =>
          fc.tuple(fc.constant(s), fc.shuffledSubarray([...Array(s.n).keys()], { minLength: s.n })),
        ),
        ([s, perm]) => {
          const a = runThree(s);
          const b = runThree(s, perm);
          for (let k = 0; k < a.length; k++) {
            for (let i = 0; i < s.n; i++) {
              const p = perm[i];
              for (const key of ["consensus", "incentive", "dividends", "validatorTrust"] as const) {
                expect(b[k][key][p]).toBeCloseTo(a[k][key][i], 9);
              }
              expect(b[k].validatorPermit[p]).toBe(a[k].validatorPermit[i]);
              for (let j = 0; j < s.n; j++) {
                const x = a[k].bonds[i]?.[j] ?? 0;
                const y = b[k].bonds[p]?.[perm[j]] ?? 0;
                expect(Math.abs(x - y)).toBeLessThanOrEqual(1); // float rounding may flip one floor
              }
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("reusing a workspace between epochs gives the same results as fresh buffers", () => {
    const workspace = new YumaWorkspace();
    fc.assert(
      fc.property(subnetArb, (s) => {
        const fresh = runThree(s);
        const reused = runThree(s, undefined, workspace);
        expect(reused.map((r) => [r.dividends, r.incentive, r.bonds])).toEqual(
          fresh.map((r) => [r.dividends, r.incentive, r.bonds]),
        );
      }),
      { numRuns: 60 },
    );
  });
});
