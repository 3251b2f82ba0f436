import { describe, expect, it } from "vitest";
import type { MinerAnswerContext } from "../sim/population/agentTypes.ts";
import { createRng } from "../sim/rng/createRng.ts";
import { adaptiveMiner } from "./adaptiveMiner.ts";
import { copycatMiner } from "./copycatMiner.ts";
import { createExp3 } from "./exp3.ts";
import { plagiarist } from "./plagiarist.ts";
import { staleMiner } from "./staleMiner.ts";
import { sybilMiner } from "./sybilMiner.ts";

/** Three miners (UIDs 10, 11, 12), one query of one value each: miner k answered k + 1. */
const all = Float32Array.from([1, 2, 3]);
const ctx = (over: Partial<MinerAnswerContext> = {}): MinerAnswerContext => ({
  epoch: 0,
  rng: createRng(1),
  own: all.subarray(0, 1),
  nQueries: 1,
  outputs: 1,
  kind: "values",
  minerIndex: 0,
  minerUids: [10, 11, 12],
  all,
  previous: undefined,
  publicState: { incentive: null, consensus: null },
  ...over,
});
const incentive = (top: number) => {
  const x = new Float64Array(13);
  x[top] = 1;
  return x;
};

describe("copycat with parameters", () => {
  it("copies the top miner, a chosen target, or (with a delay) who was top earlier", () => {
    const seen = { publicState: { incentive: incentive(12), consensus: null } };
    expect([...copycatMiner().answer(ctx(seen))]).toEqual([3]);
    expect([...copycatMiner({ target: 11 }).answer(ctx(seen))]).toEqual([2]);
    const late = copycatMiner({ delayEpochs: 1 });
    expect([...late.answer(ctx({ publicState: { incentive: incentive(11), consensus: null } }))]).toEqual([
      1,
    ]);
    expect([...late.answer(ctx(seen))]).toEqual([2]); // acts on last epoch's top (UID 11)
  });
  it("adds seeded noise to the copy when asked", () => {
    const seen = { publicState: { incentive: incentive(12), consensus: null } };
    expect(copycatMiner({ noise: 0.5 }).answer(ctx(seen))[0]).not.toBe(3);
  });
});

describe("plagiarist", () => {
  it("steals the model of the first top miner it sees and keeps serving it", () => {
    const p = plagiarist();
    expect([...p.answer(ctx())]).toEqual([1]);
    expect([...p.answer(ctx({ publicState: { incentive: incentive(11), consensus: null } }))]).toEqual([2]);
    expect([...p.answer(ctx({ publicState: { incentive: incentive(12), consensus: null } }))]).toEqual([2]);
    expect(p.computes).toBeUndefined(); // it pays the compute of serving the stolen model
  });
});

describe("stale miner with refreshEvery", () => {
  it("replays its cache, refreshing it every k epochs", () => {
    const s = staleMiner({ refreshEvery: 2 });
    const answer = (v: number) => s.answer(ctx({ own: Float32Array.of(v) }))[0];
    expect([answer(1), answer(2), answer(3), answer(4), answer(5)]).toEqual([1, 1, 3, 3, 5]);
  });
});

describe("sybil miner", () => {
  it("the operator's first miner computes; the others submit its answers without computing", () => {
    const team = { uid: 11, minerIndices: [1, 2] };
    const follower = sybilMiner();
    expect([...follower.answer(ctx({ minerIndex: 2, own: all.subarray(2, 3), team }))]).toEqual([2]);
    expect(follower.computes).toBe(false);
    const leader = sybilMiner();
    expect([...leader.answer(ctx({ minerIndex: 1, own: all.subarray(1, 2), team }))]).toEqual([2]);
    expect(leader.computes).toBe(true);
  });
});

describe("EXP3", () => {
  it("moves probability toward the arm that pays", () => {
    const b = createExp3(3, 0.1);
    const rng = createRng(4);
    for (let t = 0; t < 300; t++) {
      const arm = b.draw(rng);
      b.update(arm, arm === 2 ? 1 : 0.1, b.probabilities()[arm]);
    }
    const p = b.probabilities();
    expect(p[2]).toBeGreaterThan(0.8);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });
});

describe("adaptive miner", () => {
  it("records a choice per epoch and credits its observed payoff to the previous choice", () => {
    const a = adaptiveMiner({ arms: ["honest", "random"], gamma: 0.3, computePenalty: 0 });
    a.answer(ctx({ epoch: 0 }));
    a.answer(ctx({ epoch: 1, publicState: { incentive: incentive(10), consensus: null } }));
    expect(a.decisions?.map((d) => d.epoch)).toEqual([0, 1]);
    expect(Number.isNaN(a.decisions?.[0].observed)).toBe(true);
    expect(a.decisions?.[1].observed).toBe(1); // it was the top miner
    for (const d of a.decisions ?? []) expect(["honest", "random"]).toContain(d.choice);
  });
  it("draws the same choices from the same stream", () => {
    const run = () => {
      const a = adaptiveMiner({});
      for (let e = 0; e < 6; e++) a.answer(ctx({ epoch: e, rng: createRng(e) }));
      return a.decisions?.map((d) => d.choice);
    };
    expect(run()).toEqual(run());
  });
});
