import { describe, expect, it } from "vitest";
import type { MinerAnswerContext, PublicState } from "../sim/population/agentTypes.ts";
import { createRng } from "../sim/rng/createRng.ts";
import { copycatMiner } from "./copycatMiner.ts";
import { honestValidator } from "./honestValidator.ts";
import { randomMiner } from "./randomMiner.ts";
import { scoresToU16Weights } from "./scoresToU16Weights.ts";
import { staleMiner } from "./staleMiner.ts";
import { weightCopier } from "./weightCopier.ts";

const noPublicState: PublicState = { incentive: null, consensus: null };

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

  it("weighs every miner it scored, and sets nothing before it has scores", () => {
    const ctx = { epoch: 0, rng: createRng(1), minerUids: [4, 7], publicState: noPublicState };
    expect(honestValidator().weigh({ ...ctx, scores: Float64Array.from([0.9, 0.3]) })).toEqual({
      uids: [4, 7],
      weights: [65535, 21845],
    });
    expect(honestValidator().weigh({ ...ctx, scores: null })).toBeNull();
  });
});

describe("honest validator with a limited miner budget", () => {
  it("draws distinct miners with its own stream and weighs only those it queried, UIDs increasing", () => {
    const v = honestValidator();
    const chosen = v.chooseMiners?.({ epoch: 0, rng: createRng(9), minerCount: 10, count: 4 }) ?? [];
    expect(new Set(chosen).size).toBe(4);
    expect(v.chooseMiners?.({ epoch: 0, rng: createRng(9), minerCount: 3, count: 8 })).toHaveLength(3);
    const scores = Float64Array.from([Number.NaN, 0.5, Number.NaN, 1]);
    expect(
      v.weigh({ epoch: 0, rng: createRng(1), scores, minerUids: [9, 7, 5, 3], publicState: noPublicState }),
    ).toEqual({
      uids: [3, 7],
      weights: [65535, 32768],
    });
  });
});

describe("weight copier", () => {
  it("copies the previous consensus over the miners, and nothing before one exists", () => {
    const ctx = { epoch: 1, rng: createRng(1), scores: null, minerUids: [2, 3] };
    const consensus = Float64Array.from([0, 0, 0.2, 0.8]);
    expect(weightCopier().weigh({ ...ctx, publicState: { incentive: null, consensus } })).toEqual({
      uids: [2, 3],
      weights: [16384, 65535],
    });
    expect(weightCopier().weigh({ ...ctx, publicState: noPublicState })).toBeNull();
    expect(weightCopier().chooseQueries({ epoch: 1, rng: createRng(1), poolSize: 10, count: 4 })).toEqual([]);
  });
});

/** Three miners (UIDs 5, 6, 7), two queries of two classes each. */
function minerContext(overrides: Partial<MinerAnswerContext>): MinerAnswerContext {
  const all = Float32Array.from([0.9, 0.1, 0.8, 0.2, 0.1, 0.9, 0.3, 0.7, 0.5, 0.5, 0.5, 0.5]);
  return {
    epoch: 1,
    rng: createRng(3),
    own: all.subarray(8, 12),
    nQueries: 2,
    outputs: 2,
    kind: "probabilities",
    minerIndex: 2,
    minerUids: [5, 6, 7],
    all,
    previous: undefined,
    publicState: noPublicState,
    ...overrides,
  };
}

describe("adversarial miners", () => {
  it("a copycat submits the answers of last epoch's top-incentive miner, its own before that", () => {
    const incentive = Float64Array.from([0, 0, 0, 0, 0, 0.2, 0.7, 0.1]);
    expect(
      Array.from(copycatMiner().answer(minerContext({ publicState: { incentive, consensus: null } }))),
    ).toEqual(Array.from(Float32Array.from([0.1, 0.9, 0.3, 0.7])));
    expect(Array.from(copycatMiner().answer(minerContext({})))).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it("a random miner answers a seeded point of the simplex per query", () => {
    const a = randomMiner().answer(minerContext({}));
    expect(a).toHaveLength(4);
    expect(a[0] + a[1]).toBeCloseTo(1, 6);
    expect(Array.from(randomMiner().answer(minerContext({})))).toEqual(Array.from(a));
  });

  it("a stale miner replays its first answers", () => {
    const miner = staleMiner();
    const first = miner.answer(minerContext({}));
    const later = miner.answer(minerContext({ own: Float32Array.from([1, 0, 1, 0]) }));
    expect(Array.from(later)).toEqual(Array.from(first));
  });
});
