import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { CheckTarget } from "./loadCheckTargets.ts";
import { seedsFor } from "./runCheck.ts";

const target = { file: "scenarios/ci/gate.yaml", baseSeed: 42, seeds: 3 } as CheckTarget;

describe("seedsFor", () => {
  it("runs the seeds that failed last time first, then the base seed upward, each once", () => {
    const stored = [
      { file: resolve("scenarios/ci/gate.yaml"), seed: 99, invariant: "x > 0" },
      { file: resolve("scenarios/ci/other.yaml"), seed: 7, invariant: "x > 0" },
      { file: resolve("scenarios/ci/gate.yaml"), seed: 43, invariant: "y > 0" },
    ];
    expect(seedsFor(target, undefined, stored)).toEqual([99, 43, 42, 44]);
    expect(seedsFor(target, 1, [])).toEqual([42]);
  });
});
