import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runYumaEpoch } from "../runYumaEpoch.ts";
import type { YumaEpochInput } from "../yumaEpochTypes.ts";
import { resolveYumaHyperparameters } from "../yumaHyperparameters.ts";
import { runYumaEpochFixed } from "./runYumaEpochFixed.ts";

/**
 * Random subnets with chain-integer hyperparameters, so both arithmetics read the same values.
 * Values stay well above I32F32's resolution (2^-32 ≈ 2.3e-10): stakes within 1:1000 and non-zero
 * weights ≥ 1000/65535. Near that resolution the chain's truncation is a real difference (a stake
 * share below 2^-32 is 0 on chain: no permit), which this test is not about.
 */
const subnetArb = fc.integer({ min: 3, max: 7 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    stake: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 })), {
      minLength: n,
      maxLength: n,
    }),
    epochs: fc.array(
      fc.array(
        fc.option(
          fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1000, max: 65535 })), {
            minLength: n,
            maxLength: n,
          }),
          {
            nil: undefined,
          },
        ),
        { minLength: n, maxLength: n },
      ),
      { minLength: 2, maxLength: 3 },
    ),
    yuma3: fc.boolean(),
    liquidAlpha: fc.boolean(),
    kappaU16: fc.integer({ min: 1000, max: 64000 }),
    bondsPenaltyU16: fc.constantFrom(0, 20000, 65535),
    bondsMovingAverageU64: fc.integer({ min: 0, max: 990_000 }),
    maxAllowedValidators: fc.integer({ min: 1, max: 8 }),
  }),
);

describe("float64 and fixed arithmetic", () => {
  it("agree within 1e-6 on dividends (and incentive) given the same stored state", () => {
    fc.assert(
      fc.property(subnetArb, (s) => {
        const params = resolveYumaHyperparameters({
          yuma3: s.yuma3,
          liquidAlpha: s.liquidAlpha,
          kappaU16: s.kappaU16,
          bondsPenaltyU16: s.bondsPenaltyU16,
          bondsMovingAverageU64: s.bondsMovingAverageU64,
          maxAllowedValidators: s.maxAllowedValidators,
          tempo: 1,
        });
        const n = s.n;
        let permits: Uint8Array = new Uint8Array(n);
        let bonds: (Uint16Array | undefined)[] = new Array(n).fill(undefined);
        [undefined, ...s.epochs].forEach((rows, k) => {
          const block = k + 1;
          const input: YumaEpochInput = {
            n,
            block,
            stake: Float64Array.from(s.stake),
            weights: (rows ?? []).map((r) => (r ? Float64Array.from(r) : undefined)),
            lastUpdate: new Float64Array(n).fill(block),
            registeredAt: new Float64Array(n),
            previousPermits: permits,
            bonds,
            lastEpochBlock: k === 0 ? undefined : block - 1,
          };
          const exact = runYumaEpochFixed(input, params);
          const float = runYumaEpoch(input, params);
          for (let i = 0; i < n; i++) {
            expect(Math.abs(float.dividends[i] - exact.dividends[i])).toBeLessThanOrEqual(1e-6);
            expect(Math.abs(float.incentive[i] - exact.incentive[i])).toBeLessThanOrEqual(1e-6);
          }
          expect(Array.from(float.validatorPermit)).toEqual(Array.from(exact.validatorPermit));
          const paid = [...exact.serverEmission, ...exact.validatorEmission].reduce((a, b) => a + b, 0n);
          expect(paid <= params.emissionPerEpoch).toBe(true);
          permits = exact.validatorPermit;
          bonds = exact.bonds;
        });
      }),
      { numRuns: 120 },
    );
  });
});
