import { describe, expect, it } from "vitest";
import { createRng } from "../sim/rng/createRng.ts";
import { honestValidator } from "./honestValidator.ts";
import { scoresToU16Weights } from "./scoresToU16Weights.ts";

describe("honest validator", () => {
  it("max-normalises scores to u16 weights", () => {
    expect(scoresToU16Weights([0.5, 1, 0, 0.25])).toEqual([32768, 65535, 0, 16384]);
    expect(scoresToU16Weights([0, 0])).toEqual([0, 0]);
  });

  it("draws distinct queries from its own stream", () => {
    const v = honestValidator();
    const q = v.chooseQueries({ epoch: 0, rng: createRng(5), poolSize: 100, count: 32 });
    expect(new Set(q).size).toBe(32);
    expect(v.chooseQueries({ epoch: 0, rng: createRng(5), poolSize: 100, count: 32 })).toEqual(q);
  });

  it("weighs every miner it scored", () => {
    const w = honestValidator().weigh({
      epoch: 0,
      rng: createRng(1),
      scores: Float64Array.from([0.9, 0.3]),
      minerUids: [4, 7],
    });
    expect(w).toEqual({ uids: [4, 7], weights: [65535, 21845] });
  });
});
