import { describe, expect, it } from "vitest";
import { packEmissionShares, SHARE_ENTRY_BYTES, unpackEmissionShares } from "./emissionShares.ts";

const U128_MAX = (1n << 128n) - 1n;

describe("packEmissionShares / unpackEmissionShares", () => {
  it("packs incentive then dividend as big-endian u128, 32 bytes a UID, and unpacks them back", () => {
    expect(packEmissionShares([], [])).toBe("0x");
    expect(packEmissionShares([1n], [U128_MAX])).toBe(`0x${"0".repeat(31)}1${"f".repeat(32)}`);
    const n = 10_032;
    const incentive = Array.from(
      { length: n },
      (_, i) => (BigInt(i) * 0x1234_5678_9abc_def1n) ** 2n % U128_MAX,
    );
    const dividends = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0n : 10n ** 18n * BigInt(i)));
    const shares = packEmissionShares(incentive, dividends);
    expect((shares.length - 2) / 2).toBe(n * SHARE_ENTRY_BYTES);
    expect(unpackEmissionShares(shares)).toEqual({ incentive, dividends });
  });

  it("refuses unequal lengths, values that are not u128, and partial entries", () => {
    expect(() => packEmissionShares([1n, 2n], [3n])).toThrow(/2 incentives but 1 dividends/);
    expect(() => packEmissionShares([U128_MAX + 1n], [0n])).toThrow(/incentive\[0\] = .* is not a u128/);
    expect(() => packEmissionShares([0n, 0n], [0n, -1n])).toThrow(/dividends\[1\] = -1 is not a u128/);
    expect(() => unpackEmissionShares(`0x${"00".repeat(33)}`)).toThrow(/33 bytes is not a whole number/);
  });
});
