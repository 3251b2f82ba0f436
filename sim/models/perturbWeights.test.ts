import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { initMlpWeights } from "./initMlpWeights.ts";
import { perturbWeights } from "./perturbWeights.ts";

describe("perturbWeights", () => {
  it("is a pure function of (base, seed, scale) with noise scaled to each array's RMS", () => {
    const base = initMlpWeights(createRng(1), 784, 64, 10);
    const a = perturbWeights(base, 99, 0.1);
    expect(perturbWeights(base, 99, 0.1)).toEqual(a);
    expect(perturbWeights(base, 100, 0.1).w1).not.toEqual(a.w1);
    expect(perturbWeights(base, 99, 0).w1).toEqual(base.w1);
    let noise = 0;
    let signal = 0;
    for (let i = 0; i < base.w1.length; i++) {
      noise += (a.w1[i] - base.w1[i]) ** 2;
      signal += base.w1[i] ** 2;
    }
    expect(Math.sqrt(noise / signal)).toBeCloseTo(0.1, 2);
  });
});
