import { describe, expect, it } from "vitest";
import type { PublicState, Team, ValidatorWeighContext } from "../sim/population/agentTypes.ts";
import { createRng } from "../sim/rng/createRng.ts";
import { cabalValidator } from "./cabalValidator.ts";
import { lateValidator } from "./lateValidator.ts";
import { lazyValidator } from "./lazyValidator.ts";
import { selfDealer } from "./selfDealer.ts";
import { underWeighter } from "./underWeighter.ts";
import { weightCopier } from "./weightCopier.ts";

const none: PublicState = { incentive: null, consensus: null };
/** Miners at UIDs 4..7 scored 1, 0.5, 0.25, 0.8; the operator holds positions 2 (UID 6). */
const scores = Float64Array.from([1, 0.5, 0.25, 0.8]);
const minerUids = [4, 5, 6, 7];
const team: Team = { uid: 1, minerIndices: [2] };
const ctx = (over: Partial<ValidatorWeighContext> = {}): ValidatorWeighContext => ({
  epoch: 3,
  rng: createRng(1),
  scores,
  minerUids,
  publicState: none,
  team,
  ...over,
});

describe("cabal validator", () => {
  it("puts its operator's miners at the top and pushes the others down by `push`", () => {
    expect(cabalValidator({ push: 1 }).weigh(ctx())).toEqual({
      uids: [4, 5, 6, 7],
      weights: [0, 0, 65535, 0],
    });
    const half = cabalValidator({ push: 0.5 }).weigh(ctx());
    expect(half?.uids).toEqual([4, 5, 6, 7]);
    expect(half?.weights).toEqual([32768, 16384, 65535, 26214]);
  });
  it("weights its own miners even before it has scores, and nothing without a team", () => {
    expect(cabalValidator({}).weigh(ctx({ scores: null }))).toEqual({ uids: [6], weights: [65535] });
    expect(cabalValidator({}).weigh(ctx({ scores: null, team: undefined }))).toBeNull();
  });
});

describe("self-dealer", () => {
  it("raises its own miner to the top, keeps the others' honest scores, and weights itself", () => {
    expect(selfDealer({}).weigh(ctx())).toEqual({
      uids: [1, 4, 5, 6, 7],
      weights: [65535, 65535, 32768, 65535, 52428],
    });
    expect(selfDealer({ selfWeight: false }).weigh(ctx())?.uids).toEqual([4, 5, 6, 7]);
  });
});

describe("under-weighting griefer", () => {
  it("scores competitors below the truth by `factor`, its own miners at the truth", () => {
    // 1·0.5, 0.5·0.5, 0.25 (own), 0.8·0.5 → max 0.5
    expect(underWeighter({ factor: 0.5 }).weigh(ctx())?.weights).toEqual([65535, 32768, 32768, 52428]);
  });
  it("with topK griefs only the k best competitors", () => {
    // only UID 4 (score 1) is griefed to 0.5: max is 0.8
    expect(underWeighter({ factor: 0.5, topK: 1 }).weigh(ctx())?.weights).toEqual([
      40959, 40959, 20480, 65535,
    ]);
  });
});

describe("lazy validator", () => {
  it("queries nothing and sets constant, random or frozen weights", () => {
    expect(lazyValidator({}).chooseQueries({ epoch: 0, rng: createRng(1), poolSize: 10, count: 4 })).toEqual(
      [],
    );
    expect(lazyValidator({ mode: "constant" }).weigh(ctx({ scores: null }))?.weights).toEqual([
      65535, 65535, 65535, 65535,
    ]);
    const r1 = lazyValidator({ mode: "random" }).weigh(ctx({ rng: createRng(2) }));
    const r2 = lazyValidator({ mode: "random" }).weigh(ctx({ rng: createRng(3) }));
    expect(r1?.weights).not.toEqual(r2?.weights);
    const stale = lazyValidator({ mode: "stale" });
    const consensus = Float64Array.from([0, 0, 0, 0, 0.5, 0.1, 0, 0.2]);
    const first = stale.weigh(ctx({ publicState: { incentive: null, consensus } }));
    const later = stale.weigh(
      ctx({ publicState: { incentive: null, consensus: new Float64Array(8).fill(0.3) } }),
    );
    expect(first).toEqual(later);
    expect(first?.weights).toEqual([65535, 13107, 0, 26214]);
  });
});

describe("late validator", () => {
  it("is silent before startEpoch, then honest", () => {
    const v = lateValidator({ startEpoch: 5 });
    expect(v.chooseQueries({ epoch: 4, rng: createRng(1), poolSize: 10, count: 4 })).toEqual([]);
    expect(v.chooseQueries({ epoch: 5, rng: createRng(1), poolSize: 10, count: 4 })).toHaveLength(4);
    expect(v.weigh(ctx({ epoch: 4 }))).toBeNull();
    expect(v.weigh(ctx({ epoch: 5 }))?.uids).toEqual([4, 5, 6, 7]);
  });
});

describe("weight copier with parameters", () => {
  const rows = new Float64Array(8 * 8);
  rows.set([0, 0, 0, 0, 100, 200, 0, 50], 2 * 8); // validator UID 2's revealed row
  const publicState: PublicState = { incentive: null, consensus: null, weights: { n: 8, rows } };
  it("copies the latest revealed row of another validator", () => {
    expect(weightCopier({ source: "latest-row" }).weigh(ctx({ publicState }))?.weights).toEqual([
      32768, 65535, 0, 16384,
    ]);
    expect(weightCopier({ source: "latest-row", from: 3 }).weigh(ctx({ publicState }))).toBeNull();
  });
  it("adds seeded noise when asked, and none by default", () => {
    const consensus = Float64Array.from([0, 0, 0, 0, 0.5, 0.25, 0.125, 0.125]);
    const state = { incentive: null, consensus };
    expect(weightCopier().weigh(ctx({ publicState: state }))?.weights).toEqual([65535, 32768, 16384, 16384]);
    const noisy = weightCopier({ noise: 0.2 }).weigh(ctx({ publicState: state }));
    expect(noisy?.weights).not.toEqual([65535, 32768, 16384, 16384]);
  });
});
