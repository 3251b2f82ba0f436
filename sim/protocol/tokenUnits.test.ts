import fc from "fast-check";
import { formatUnits, parseUnits } from "viem";
import { describe, expect, it } from "vitest";
import { toTokens, toWei } from "./tokenUnits.ts";

/** The engine's units without viem agree with viem's formatUnits/parseUnits, which they replace. */
describe("token units", () => {
  it("toTokens is Number(formatUnits(wei, 18))", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (wei) => {
        expect(toTokens(wei)).toBe(Number(formatUnits(wei, 18)));
      }),
    );
    expect(toTokens(1n)).toBe(1e-18);
    expect(toTokens(10n ** 18n)).toBe(1);
  });
  it("toWei is parseUnits(String(tokens), 18) for decimal forms", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e20, noNaN: true }), (tokens) => {
        fc.pre(!String(tokens).includes("e"));
        expect(toWei(tokens)).toBe(parseUnits(String(tokens), 18));
      }),
    );
    // Exponent forms (String(1e-7) is "1e-7"), which parseUnits does not read, expanded exactly.
    expect(toWei(0)).toBe(0n);
    expect(toWei(0.1)).toBe(10n ** 17n);
    expect(toWei(1e-7)).toBe(10n ** 11n);
    expect(toWei(1.5e-7)).toBe(15n * 10n ** 10n);
    expect(toWei(1e21)).toBe(10n ** 39n);
    expect(toWei(-2.5)).toBe(-25n * 10n ** 17n);
    expect(toWei(1e-19)).toBe(0n);
    expect(toWei(5e-19)).toBe(1n);
  });
});
