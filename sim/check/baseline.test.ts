import { describe, expect, it } from "vitest";
import type { RunMetrics } from "../invariants/evaluateInvariant.ts";
import { type Baseline, baselineOf, compareToBaseline } from "./baseline.ts";
import type { CheckReport, TargetReport } from "./runCheck.ts";

/** A target whose runs have the given spearmanAccuracyReward (higher is better) and gasPerEpoch
 * (lower is better) by seed. */
function target(values: Record<number, [number, number]>): TargetReport {
  const runs = Object.entries(values).map(([seed, [rho, gas]]) => ({
    seed: Number(seed),
    metrics: {
      seed: Number(seed),
      run: { spearmanAccuracyReward: rho, gasPerEpoch: gas, giniMinerRewards: rho / 2 },
      epochs: [],
    } as RunMetrics,
  }));
  return {
    name: "gate",
    file: "gate.yaml",
    scenarioPath: "s.yaml",
    seeds: runs.map((r) => r.seed),
    runs,
    results: [],
    passed: true,
  };
}

const baselineFrom = (t: TargetReport): Baseline =>
  baselineOf({ targets: [t], passed: true } satisfies CheckReport);
const outcome = (r: ReturnType<typeof compareToBaseline>, key: string) =>
  r?.outcomes.find((o) => o.source === key);

describe("compareToBaseline", () => {
  const before = target({ 1: [0.9, 1000], 2: [0.8, 1100], 3: [0.95, 900], 4: [0.7, 1000] });
  const base = baselineFrom(before);

  it("stores each metric by seed", () => {
    expect(base.targets.gate.seeds).toEqual([1, 2, 3, 4]);
    expect(base.targets.gate.metrics.gasPerEpoch).toEqual({ 1: 1000, 2: 1100, 3: 900, 4: 1000 });
    expect(base.targets.gate.metrics.adversaryProfit).toEqual({ 1: null, 2: null, 3: null, 4: null });
  });

  it("passes an equal re-run", () => {
    const r = compareToBaseline(before, base, "base.json");
    expect(r?.status).toBe("pass");
    expect(outcome(r, "gasPerEpoch")?.message).toBe(
      "gasPerEpoch: now − baseline = 0 (+0%), 95% interval [0, 0], paired over 4 seeds; lower is better, tolerance ±50",
    );
    // Gini has no better direction: never gated.
    expect(outcome(r, "giniMinerRewards")).toBeUndefined();
  });

  it("fails a significant regression beyond the tolerance, paired by seed, with effect and interval", () => {
    // Seed-to-seed spread (±100) far above the change (+60 on every seed): only pairing sees it.
    const after = target({ 1: [0.9, 1060], 2: [0.8, 1160], 3: [0.95, 960], 4: [0.7, 1060] });
    const r = compareToBaseline(after, base, "base.json");
    expect(r?.status).toBe("fail");
    expect(r?.failure?.message).toBe(
      "gasPerEpoch: now − baseline = 60 (+6%), 95% interval [60, 60], paired over 4 seeds; lower is better, tolerance ±50: regression",
    );
    // Within the tolerance (+40 < 5% of 1000): significant, but not a regression.
    const small = target({ 1: [0.9, 1040], 2: [0.8, 1140], 3: [0.95, 940], 4: [0.7, 1040] });
    expect(compareToBaseline(small, base, "base.json")?.status).toBe("pass");
    // The same values on other seeds: unpaired, the interval spans the tolerance; no failure.
    const other = target({ 11: [0.9, 1060], 12: [0.8, 1160], 13: [0.95, 960], 14: [0.7, 1060] });
    const unpaired = compareToBaseline(other, base, "base.json");
    expect(unpaired?.status).toBe("pass");
    expect(outcome(unpaired, "gasPerEpoch")?.message).toContain("4 vs 4 runs, unpaired");
  });

  it("catches a fall in a higher-is-better metric, and gives no verdict on one run", () => {
    const worse = target({ 1: [0.5, 1000], 2: [0.4, 1100], 3: [0.55, 900], 4: [0.3, 1000] });
    const r = compareToBaseline(worse, base, "base.json");
    expect(r?.failure?.source).toBe("spearmanAccuracyReward");
    expect(r?.failure?.message).toMatch(/^spearmanAccuracyReward: now − baseline = -0\.4 \(-47\.76%\)/);
    const one = target({ 1: [0.1, 5000] });
    const single = compareToBaseline(one, base, "base.json");
    expect(single?.status).toBe("skip");
    expect(outcome(single, "gasPerEpoch")?.message).toBe("gasPerEpoch: one run on a side: no verdict");
    expect(compareToBaseline({ ...before, name: "other" }, base, "base.json")).toBeNull();
  });
});
