import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { packWeightRow, ROW_ENTRY_BYTES, unpackWeightRow } from "./weightRow.ts";

describe("packWeightRow / unpackWeightRow", () => {
  it("packs uid then weight as big-endian u16, 4 bytes an entry, and unpacks it back", () => {
    expect(packWeightRow([], [])).toBe("0x");
    expect(packWeightRow([0, 65535], [65535, 0])).toBe("0x0000ffffffff0000");
    const rng = createRng(11);
    const uids = Array.from({ length: 10_032 }, (_, j) => j);
    const weights = uids.map(() => rng.int(0, 65_535));
    const row = packWeightRow(uids, weights);
    expect((row.length - 2) / 2).toBe(10_032 * ROW_ENTRY_BYTES);
    expect(unpackWeightRow(row)).toEqual({ uids, weights });
  });

  it("refuses unequal lengths, values that are not u16, and partial entries", () => {
    expect(() => packWeightRow([1, 2], [3])).toThrow(/2 uids but 1 weights/);
    expect(() => packWeightRow([65536], [1])).toThrow(/uids\[0\] = 65536 is not a u16/);
    expect(() => packWeightRow([1, 2], [1, -1])).toThrow(/weights\[1\] = -1/);
    expect(() => packWeightRow([1.5], [1])).toThrow(
      expect.objectContaining({ code: "CRUCIBLE_INVALID_ARGUMENT" }),
    );
    expect(() => unpackWeightRow("0x000100")).toThrow(/3 bytes is not a whole number of entries/);
  });
});
