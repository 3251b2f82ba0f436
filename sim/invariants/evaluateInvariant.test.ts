import { describe, expect, it } from "vitest";
import { smallRunTables } from "../../test/fixtures/reports/smallRunTables.ts";
import { invariantMetrics } from "../check/invariantMetrics.ts";
import { evaluateAcrossRuns, evaluateOnRun, type RunMetrics } from "./evaluateInvariant.ts";
import { EPOCH_METRICS, RUN_METRICS } from "./metricCatalogue.ts";
import { parseInvariant } from "./parseInvariant.ts";

const inv = (s: string) => parseInvariant(s, "t");
const run = (
  seed: number,
  values: Record<string, number | null>,
  epochs: Record<string, number | null>[] = [],
): RunMetrics => ({
  seed,
  run: values,
  epochs,
});

describe("evaluateOnRun", () => {
  it("passes and fails a per-run invariant with the values", () => {
    const r = run(7, { adversaryRewardShare: 0.3, adversaryWorkShare: 0.2 });
    const pass = evaluateOnRun(inv("adversaryRewardShare <= adversaryWorkShare + 0.15"), r);
    expect(pass).toMatchObject({ status: "pass", left: 0.3 });
    const fail = evaluateOnRun(inv("adversaryRewardShare <= adversaryWorkShare + 0.05"), r);
    expect(fail).toMatchObject({ status: "fail", left: 0.3, right: 0.25, seed: 7 });
    expect(fail.message).toBe("0.3 <= 0.25 is false (seed 7)");
  });

  it("skips when a metric is undefined (no adversaries)", () => {
    expect(evaluateOnRun(inv("adversaryProfit < 0"), run(1, { adversaryProfit: null })).status).toBe("skip");
  });

  it("fails a per-epoch invariant at the first epoch of its window that breaks it", () => {
    const epochs = [0.1, 0.2, 0.9, 0.85, 0.5, 0.95].map((v) => ({ spearmanQualityReward: v }));
    const r = run(3, {}, epochs);
    expect(evaluateOnRun(inv("after epoch 2: spearmanQualityReward > 0.8"), r)).toMatchObject({
      status: "fail",
      epoch: 4,
      left: 0.5,
      right: 0.8,
    });
    expect(evaluateOnRun(inv("from epoch 2 to 3: spearmanQualityReward > 0.8"), r).status).toBe("pass");
    expect(evaluateOnRun(inv("every epoch: spearmanQualityReward > 0.8"), r).epoch).toBe(0);
  });
});

describe("evaluateAcrossRuns", () => {
  const gini = [0.1, 0.2, 0.3, 0.35, 0.5].map((g, i) => run(i, { giniHonestMinerRewards: g }));

  it("takes percentiles and means over the seeds", () => {
    const p95 = evaluateAcrossRuns(inv("p95(giniHonestMinerRewards) < 0.4"), gini);
    expect(p95.status).toBe("fail");
    expect(p95.left).toBeGreaterThan(0.4);
    expect(evaluateAcrossRuns(inv("median(giniHonestMinerRewards) < 0.4"), gini)).toMatchObject({
      status: "pass",
      left: 0.3,
    });
  });

  it("compares the one-sided bootstrap bound of the mean, not the mean", () => {
    // mean 0.29 < 0.4, but the 95% upper bound is above 0.35; well below 0.45.
    const tight = evaluateAcrossRuns(inv("mean(giniHonestMinerRewards) < 0.45 with 95% confidence"), gini);
    expect(tight.status).toBe("pass");
    expect(tight.bound?.value).toBeGreaterThan(0.29);
    const loose = evaluateAcrossRuns(inv("mean(giniHonestMinerRewards) < 0.3 with 95% confidence"), gini);
    expect(loose.status).toBe("fail");
    expect(evaluateAcrossRuns(inv("mean(giniHonestMinerRewards) < 0.3"), gini).status).toBe("pass");
    const lower = evaluateAcrossRuns(inv("mean(giniHonestMinerRewards) > 0.25 with 90% confidence"), gini);
    expect(lower.bound?.value).toBeLessThan(0.29);
  });

  it("refuses a confidence bound on fewer than five runs", () => {
    const out = evaluateAcrossRuns(
      inv("mean(giniHonestMinerRewards) < 0.9 with 95% confidence"),
      gini.slice(0, 3),
    );
    expect(out.status).toBe("fail");
    expect(out.message).toContain("needs at least 5");
  });
});

describe("invariantMetrics", () => {
  it("gives every catalogued metric, per run and per epoch", () => {
    const m = invariantMetrics(1, smallRunTables({ adversary: true }));
    expect(Object.keys(m.run).sort()).toEqual([...RUN_METRICS].sort());
    expect(Object.keys(m.epochs[0]).sort()).toEqual([...EPOCH_METRICS].sort());
    expect(m.run.adversaryProfit).not.toBeNull();
  });

  it("gives null, not NaN, where a protocol meters no gas, so an invariant on gas skips", () => {
    const tables = smallRunTables();
    for (const e of tables.epochs) e.gasUsed = Number.NaN; // the memory protocol's epochs
    const m = invariantMetrics(1, tables);
    expect(m.epochs.map((e) => e.gasUsed)).toEqual(tables.epochs.map(() => null));
    const gas = parseInvariant("every epoch: gasUsed < 1000000", "t");
    expect(evaluateOnRun(gas, m).status).toBe("skip");
  });
});
