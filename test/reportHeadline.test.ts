import { describe, expect, it } from "vitest";
import { computeHeadline, type HeadlineMetric, headlineSummary } from "../reports/computeHeadline.ts";
import { smallRunTables } from "../reports/fixtures/smallRunTables.ts";

function byKey(headline: HeadlineMetric[]): Record<string, HeadlineMetric> {
  return Object.fromEntries(headline.map((m) => [m.key, m]));
}

describe("computeHeadline", () => {
  it("gives the hand-computed numbers for the small run", () => {
    // Miner totals 3, 6, 9, 12 rising with accuracy; 20 tokens emitted in each of 3 epochs;
    // 40 inferences and 8 transactions per epoch.
    const h = byKey(computeHeadline(smallRunTables(), { wallTimeMs: 2000 }));
    expect(h.epochs.value).toBe(3);
    expect(h.miners.value).toBe(4);
    expect(h.validators.value).toBe(2);
    expect(h.totalEmission.value).toBe(60);
    // Gini: 2·(1·3 + 2·6 + 3·9 + 4·12) / (4·30) − 5/4 = 0.25
    expect(h.giniMinerRewards.value).toBeCloseTo(0.25, 12);
    expect(h.giniMinerRewards.text).toBe("0.250");
    expect(h.spearmanAccuracyReward.value).toBe(1);
    expect(h.bestWorstMinerRewardRatio.value).toBe(4);
    expect(h.bestWorstMinerRewardRatio.text).toBe("4×");
    expect(h.inferencesPerSecond.value).toBe(60);
    expect(h.transactionsPerSecond.value).toBe(12);
    for (const m of Object.values(h)) expect(m.hint.length).toBeGreaterThan(20);
  });

  it("measures rates against the phase timings when no wall time is given", () => {
    // Phase i of epoch e took (i + 1)·10 + e ms: 280·3 + 7·(0 + 1 + 2) = 861 ms.
    const h = byKey(computeHeadline(smallRunTables()));
    expect(h.inferencesPerSecond.value).toBeCloseTo(120 / 0.861, 9);
    expect(h.inferencesPerSecond.hint).toContain("epoch-loop time");
  });

  it("reports ∞ when a miner earned nothing, and null where a number is undefined", () => {
    const tables = smallRunTables();
    tables.agents[0].totalReward = 0;
    const h = computeHeadline(tables);
    expect(byKey(h).bestWorstMinerRewardRatio.value).toBe(Number.POSITIVE_INFINITY);
    expect(byKey(h).bestWorstMinerRewardRatio.text).toContain("∞");
    expect(headlineSummary(h).bestWorstMinerRewardRatio).toBeNull();

    const empty = byKey(computeHeadline({ epochs: [], agentEpochs: [], agents: [], timings: [] }));
    expect(empty.giniMinerRewards.value).toBeNull();
    expect(empty.spearmanAccuracyReward.text).toBe("n/a");
    expect(empty.bestWorstMinerRewardRatio.value).toBeNull();
    expect(empty.inferencesPerSecond.value).toBeNull();
  });

  it("summarises into a JSON-safe object keyed by metric", () => {
    const summary = headlineSummary(computeHeadline(smallRunTables(), { wallTimeMs: 2000 }));
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    expect(summary.giniMinerRewards).toBeCloseTo(0.25, 12);
  });
});
