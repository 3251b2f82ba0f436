import { describe, expect, it } from "vitest";
import { createRng } from "./createRng.ts";

describe("createRng", () => {
  it("gives the same draws for the same seed and different draws for another", () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const da = Array.from({ length: 5 }, () => a.float());
    expect(Array.from({ length: 5 }, () => b.float())).toEqual(da);
    expect(Array.from({ length: 5 }, () => c.float())).not.toEqual(da);
  });

  it("forks streams that do not depend on how much the parent drew", () => {
    const a = createRng(1);
    const b = createRng(1);
    b.float();
    b.float();
    expect(a.fork("miners").float()).toBe(b.fork("miners").float());
    expect(a.fork("miners").float()).not.toBe(a.fork("validators").float());
  });

  it("samples distinct indices in range and shuffles a permutation", () => {
    const r = createRng(3);
    const s = r.sample(10, 6);
    expect(new Set(s).size).toBe(6);
    for (const i of s) expect(i >= 0 && i < 10).toBe(true);
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("draws normals with mean ~0 and variance ~1", () => {
    const r = createRng(11);
    const xs = Array.from({ length: 20000 }, () => r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});
