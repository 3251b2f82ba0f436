import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { shapleyByPermutation } from "./shapleyByPermutation.ts";

describe("shapleyByPermutation", () => {
  it("recovers additive values exactly and splits a synergy evenly", async () => {
    // U(S) = 3·[0 ∈ S] + 1·[1 ∈ S] − 2·[2 ∈ S] + 4·[0 ∈ S and 1 ∈ S]: φ = (5, 3, −2).
    const u = async (s: readonly number[]) =>
      (s.includes(0) ? 3 : 0) +
      (s.includes(1) ? 1 : 0) -
      (s.includes(2) ? 2 : 0) +
      (s.includes(0) && s.includes(1) ? 4 : 0);
    const { values, evaluations } = await shapleyByPermutation(3, u, 200, createRng(1));
    expect(values[2]).toBeCloseTo(-2, 10);
    expect(values[0] + values[1]).toBeCloseTo(8, 10); // efficiency: sums to U(all) − U(∅)
    expect(values[0]).toBeCloseTo(5, 0);
    expect(evaluations).toBe(8);
  });
});
