import { describe, expect, it } from "vitest";
import { createRng } from "../sim/rng/createRng.ts";
import { equivocator } from "./equivocator.ts";
import { honestValidator } from "./honestValidator.ts";

const noPublicState = { incentive: null, consensus: null };

describe("equivocator validator", () => {
  it("commits what an honest validator commits", () => {
    const ctx = {
      epoch: 3,
      rng: createRng(1),
      minerUids: [4, 7, 9],
      publicState: noPublicState,
      scores: Float64Array.from([0.9, 0.3, 0.6]),
    };
    expect(equivocator().weigh(ctx)).toEqual(honestValidator().weigh(ctx));
    expect(equivocator().chooseQueries({ epoch: 0, rng: createRng(5), poolSize: 100, count: 8 })).toEqual(
      honestValidator().chooseQueries({ epoch: 0, rng: createRng(5), poolSize: 100, count: 8 }),
    );
  });

  it("reveals a row with all weight on its first miner, or as committed when that is what it committed", () => {
    const base = {
      epoch: 3,
      commitEpoch: 3,
      rng: createRng(1),
      minerUids: [4, 7, 9],
      publicState: noPublicState,
    };
    const revise = equivocator().revise;
    expect(revise).toBeDefined();
    const committed = { uids: [4, 7, 9], weights: [65535, 21845, 43690] };
    expect(revise?.({ ...base, committed })).toEqual({ uids: [4, 7, 9], weights: [65535, 0, 0] });
    expect(revise?.({ ...base, committed: { uids: [4, 7, 9], weights: [65535, 0, 0] } })).toBeNull();
    expect(honestValidator().revise).toBeUndefined();
  });
});
