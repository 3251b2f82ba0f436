import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_FC_SEED, parseFcSeed } from "./fixtures/fcSeed.ts";

/** Finding 13 (issue 17): the property tests' seed follows FC_SEED, and a bad FC_SEED is an error. */
describe("FC_SEED", () => {
  it("defaults to a fixed seed, takes an integer, and `random` for none", () => {
    expect(parseFcSeed(undefined)).toBe(DEFAULT_FC_SEED);
    expect(parseFcSeed("123")).toBe(123);
    expect(parseFcSeed("-5")).toBe(-5);
    expect(parseFcSeed("random")).toBeUndefined();
  });

  it("refuses what is not an integer, naming the variable and the value", () => {
    for (const bad of ["abc", "1.5", "", "12abc", "1e3", "99999999999"]) {
      expect(() => parseFcSeed(bad)).toThrow(
        `FC_SEED: expected an integer (-2^31 .. 2^32 - 1) or "random", got ${JSON.stringify(bad)}`,
      );
    }
  });

  it("is the seed fast-check runs with in this process", () => {
    const want = parseFcSeed(process.env.FC_SEED);
    expect(fc.readConfigureGlobal().seed).toBe(want);
  });
});
