import { describe, expect, it } from "vitest";
import { createRng } from "../../sim/rng/createRng.ts";
import { constantAnswer, oneHot } from "./constantAnswer.ts";
import { copyAnswer } from "./copyAnswer.ts";
import { degradeAnswer } from "./degradeAnswer.ts";
import { randomAnswer } from "./randomAnswer.ts";
import { staleAnswer } from "./staleAnswer.ts";

const rowSums = (a: Float32Array, outputs: number) =>
  Array.from({ length: a.length / outputs }, (_, q) =>
    a.subarray(q * outputs, (q + 1) * outputs).reduce((s, v) => s + v, 0),
  );

describe("answer transforms", () => {
  it("constant: the same row for every query", () => {
    const a = constantAnswer(3, oneHot(7, 10));
    expect(a.length).toBe(30);
    for (let q = 0; q < 3; q++) expect(Array.from(a.subarray(q * 10, q * 10 + 10)).indexOf(1)).toBe(7);
    expect(Array.from(constantAnswer(4, [2.5]))).toEqual([2.5, 2.5, 2.5, 2.5]);
    expect(() => constantAnswer(-1, [1])).toThrow(/invalid answer shape/);
  });

  it("random: seeded, valid probability rows or N(mean, std) values", () => {
    const a = randomAnswer(createRng(4), 50, 10, "probabilities");
    expect(randomAnswer(createRng(4), 50, 10, "probabilities")).toEqual(a);
    expect(randomAnswer(createRng(5), 50, 10, "probabilities")).not.toEqual(a);
    for (const s of rowSums(a, 10)) expect(s).toBeCloseTo(1, 5);
    expect(a.every((v) => v >= 0 && v <= 1)).toBe(true);
    const argmaxes = new Set(
      Array.from({ length: 50 }, (_, q) => {
        const row = Array.from(a.subarray(q * 10, q * 10 + 10));
        return row.indexOf(Math.max(...row));
      }),
    );
    expect(argmaxes.size).toBeGreaterThan(5);
    const v = randomAnswer(createRng(4), 4000, 1, "values", { mean: 3, std: 2 });
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
    expect(mean).toBeCloseTo(3, 0);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
  });

  it("copy: another miner's rows, as an independent copy", () => {
    const all = Float32Array.from({ length: 3 * 2 * 4 }, (_, i) => i);
    const copied = copyAnswer(all, 1, 2, 4);
    expect(Array.from(copied)).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    copied[0] = -1;
    expect(all[8]).toBe(8);
    expect(() => copyAnswer(all, 3, 2, 4)).toThrow(/cannot copy/);
  });

  it("stale: replays the cached epoch's rows, cycling, or falls back when nothing is cached", () => {
    const cached = Float32Array.of(1, 2, 3, 4); // two rows of two
    expect(Array.from(staleAnswer(cached, 3, 2, new Float32Array(6)))).toEqual([1, 2, 3, 4, 1, 2]);
    expect(Array.from(staleAnswer(cached, 1, 2, new Float32Array(2)))).toEqual([1, 2]);
    const fallback = Float32Array.of(9, 9);
    const out = staleAnswer(undefined, 1, 2, fallback);
    expect(Array.from(out)).toEqual([9, 9]);
    expect(out).not.toBe(fallback);
  });

  it("degrade: noisier answers that stay valid, seeded, and unchanged at strength 0", () => {
    const honest = constantAnswer(40, Float32Array.of(0.05, 0.8, 0.15));
    expect(degradeAnswer(honest, 3, "probabilities", createRng(1), 0)).toEqual(
      Float32Array.from(honest, (v) => Math.fround(v)),
    );
    const mild = degradeAnswer(honest, 3, "probabilities", createRng(1), 0.3);
    const heavy = degradeAnswer(honest, 3, "probabilities", createRng(1), 3);
    expect(degradeAnswer(honest, 3, "probabilities", createRng(1), 3)).toEqual(heavy);
    for (const s of rowSums(heavy, 3)) expect(s).toBeCloseTo(1, 5);
    const correct = (a: Float32Array) =>
      Array.from({ length: 40 }, (_, q) => a[q * 3 + 1] >= Math.max(a[q * 3], a[q * 3 + 2])).filter(Boolean)
        .length;
    expect(correct(mild)).toBeGreaterThan(correct(heavy));
    const values = degradeAnswer(Float32Array.of(1, 1, 1, 1), 1, "values", createRng(2), 0.5);
    expect(values.some((v) => v !== 1)).toBe(true);
    expect(() => degradeAnswer(honest, 3, "values", createRng(1), -1)).toThrow(/strength/);
  });
});
