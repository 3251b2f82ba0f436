import { describe, expect, it } from "vitest";
import { flopsPerQuery } from "./flopsPerQuery.ts";

describe("flopsPerQuery", () => {
  it("counts two FLOPs per weight of the tier's MLP, 0 where the task does not say", () => {
    const digits = { inputSize: 784, outputs: 10, hiddenWidth: (t: string) => (t === "expert" ? 64 : 32) };
    expect(flopsPerQuery(digits, "expert")).toBe(2 * (784 * 64 + 64 + 64 * 10 + 10));
    expect(flopsPerQuery(digits, "poor")).toBe(2 * (784 * 32 + 32 + 32 * 10 + 10));
    expect(flopsPerQuery({ inputSize: 8, outputs: 1 }, "expert")).toBe(0);
  });
});
