import { describe, expect, it } from "vitest";
import { chooseValidator, nextTake } from "./yieldChaser.ts";

const base = {
  current: 0,
  epochsSinceMove: Number.POSITIVE_INFINITY,
  window: 2,
  threshold: 0.1,
  cooldownEpochs: 2,
};

describe("yield chaser", () => {
  it("moves to the validator whose mean yield beats its own by more than the threshold", () => {
    expect(
      chooseValidator({
        ...base,
        yields: [
          [0.01, 0.02],
          [0.01, 0.02],
        ],
      }),
    ).toBe(1);
  });
  it("stays within the threshold, during its cooldown, and before its window is full", () => {
    expect(
      chooseValidator({
        ...base,
        yields: [
          [0.01, 0.0105],
          [0.01, 0.0105],
        ],
      }),
    ).toBeNull();
    expect(
      chooseValidator({
        ...base,
        epochsSinceMove: 1,
        yields: [
          [0.01, 0.05],
          [0.01, 0.05],
        ],
      }),
    ).toBeNull();
    expect(chooseValidator({ ...base, yields: [[0.01, 0.05]] })).toBeNull();
  });
  it("averages over the window only (an old spike does not count)", () => {
    expect(
      chooseValidator({
        ...base,
        yields: [
          [0, 1],
          [0.02, 0.01],
          [0.02, 0.01],
        ],
      }),
    ).toBeNull();
  });
  it("skips validators without a yield and never moves to a non-positive one", () => {
    expect(
      chooseValidator({
        ...base,
        yields: [
          [-0.01, Number.NaN, -0.005],
          [-0.01, 0.5, -0.005],
        ],
      }),
    ).toBeNull();
    expect(
      chooseValidator({
        ...base,
        current: 1,
        yields: [
          [0.01, Number.NaN],
          [0.01, Number.NaN],
        ],
      }),
    ).toBe(0);
  });
});

describe("take policies", () => {
  const t = {
    current: 0.18,
    target: 0.3,
    step: 0.02,
    min: 0.05,
    maxRaise: 0.05,
    delegatedNow: 10,
    delegatedBefore: 10,
  };
  it("fixed steps toward its target by at most the raise limit, and cuts at once", () => {
    expect(nextTake({ ...t, policy: "fixed" })).toBeCloseTo(0.23);
    expect(nextTake({ ...t, policy: "fixed", target: 0.1 })).toBe(0.1);
    expect(nextTake({ ...t, policy: "fixed", target: 0.18 })).toBeNull();
  });
  it("competitive cuts by its step when it lost delegation, down to its minimum, else holds", () => {
    expect(nextTake({ ...t, policy: "competitive", target: 0.18, delegatedNow: 8 })).toBeCloseTo(0.16);
    expect(nextTake({ ...t, policy: "competitive", current: 0.06, target: 0.18, delegatedNow: 8 })).toBe(
      0.05,
    );
    expect(
      nextTake({ ...t, policy: "competitive", current: 0.05, target: 0.18, delegatedNow: 8 }),
    ).toBeNull();
    expect(nextTake({ ...t, policy: "competitive", target: 0.18, delegatedNow: 12 })).toBeNull();
  });
});
