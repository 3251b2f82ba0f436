import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "./toCsv.ts";

describe("toCsv / parseCsv", () => {
  it("writes a header and rows, quoting where needed, and reads them back", () => {
    const rows = [
      { a: 1, b: "x,y", c: 0.1 + 0.2 },
      { a: 2, b: 'say "hi"\nnow', c: Number.NaN },
    ];
    const text = toCsv(rows, ["a", "b", "c"]);
    expect(text).toBe('a,b,c\n1,"x,y",0.30000000000000004\n2,"say ""hi""\nnow",\n');
    expect(parseCsv(text)).toEqual([
      { a: "1", b: "x,y", c: "0.30000000000000004" },
      { a: "2", b: 'say "hi"\nnow', c: "" },
    ]);
  });
});
