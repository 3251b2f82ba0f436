import { describe, expect, it } from "vitest";
import { createGaussianStream } from "./seededGaussian.ts";

describe("createGaussianStream", () => {
  it("is deterministic per seed and differs across seeds", () => {
    const draw = (seed: number) => {
      const values = new Float32Array(1000);
      createGaussianStream(seed).fill(values, 1);
      return values;
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(2 ** 40 + 7)).not.toEqual(draw(7));
  });

  it("draws standard normals: moments and tail masses", () => {
    const n = 400_000;
    const values = new Float32Array(n);
    createGaussianStream(123).fill(values, 2);
    let sum = 0;
    let squares = 0;
    let fourth = 0;
    const beyond = [0, 0, 0];
    for (const v of values) {
      const z = v / 2;
      sum += z;
      squares += z * z;
      fourth += z ** 4;
      for (let k = 0; k < 3; k++) if (Math.abs(z) > k + 1) beyond[k]++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(squares / n).toBeCloseTo(1, 1);
    expect(fourth / n).toBeGreaterThan(2.9);
    expect(fourth / n).toBeLessThan(3.1);
    const expected = [0.3173, 0.0455, 0.0027];
    beyond.forEach((count, k) => {
      expect(Math.abs(count / n - expected[k]) / expected[k]).toBeLessThan(0.06);
    });
  });

  it("adds noise in place and keeps consecutive draws uncorrelated", () => {
    const base = new Float32Array(100_001).fill(3);
    createGaussianStream(5).addTo(base, 0.5);
    let lag = 0;
    for (let i = 1; i < base.length; i++) lag += (base[i] - 3) * (base[i - 1] - 3);
    expect(Math.abs(lag / (base.length * 0.25))).toBeLessThan(0.02);
  });
});
