import { describe, expect, it } from "vitest";
import { smallRunTables } from "../../test/fixtures/reports/smallRunTables.ts";
import { computeHeadline, type HeadlineMetric, headlineSummary } from "../computeHeadline.ts";
import { formatDifference, formatMetric } from "./formatMetric.ts";
import { HEADLINE_DEFINITIONS } from "./headlineDefinitions.ts";

function byKey(headline: HeadlineMetric[]): Record<string, HeadlineMetric> {
  return Object.fromEntries(headline.map((m) => [m.key, m]));
}

describe("computeHeadline", () => {
  it("gives the hand-computed numbers for the small run", () => {
    // Miner totals 3, 6, 9, 12 rising with accuracy, validators 15 each; 20 tokens emitted in each
    // of 3 epochs; 40 inferences, 8 transactions and 400,000 gas per epoch.
    const h = byKey(computeHeadline(smallRunTables(), { wallTimeMs: 2000 }));
    expect(h.epochs.value).toBe(3);
    expect(h.miners.value).toBe(4);
    expect(h.validators.value).toBe(2);
    expect(h.totalEmission.value).toBe(60);
    // Gini: 2·(1·3 + 2·6 + 3·9 + 4·12) / (4·30) − 5/4 = 0.25
    expect(h.giniMinerRewards.value).toBeCloseTo(0.25, 12);
    expect(h.giniMinerRewards.text).toBe("0.250");
    expect(h.spearmanAccuracyReward.value).toBe(1);
    expect(h.nakamotoRewards.value).toBe(3);
    expect(h.nakamotoStake.value).toBe(2);
    expect(h.bestWorstMinerRewardRatio.value).toBe(4);
    expect(h.bestWorstMinerRewardRatio.text).toBe("4×");
    // Σ reward 30 over Σ accuracy 0.61 + 0.74 + 0.8 + 0.93 = 3.08
    expect(h.rewardPerQuality.value).toBeCloseTo(30 / 3.08, 12);
    expect(h.inferencesPerSecond.value).toBe(60);
    expect(h.transactionsPerSecond.value).toBe(12);
    expect(h.gasPerEpoch.text).toBe("400,000");
    expect(h.wallMsPerEpoch.text).toBe("368 ms");
    expect(h.finalSupply.text).toBe("4,060");
    expect(h.stakingRatio.text).toBe("50%");
    expect(h.minerRewardPerInference.value).toBe(0.25);
    expect(h.adversaryRewardShare.text).toBe("none");
    expect(h.adversaryRewardShare.context).toContain("every agent is honest");
    for (const m of Object.values(h)) expect(m.hint.length).toBeGreaterThan(20);
  });

  it("puts the adversaries' reward share in context", () => {
    const h = byKey(computeHeadline(smallRunTables({ adversary: true })));
    expect(h.adversaryRewardShare.value).toBeCloseTo(0.2, 12);
    expect(h.adversaryRewardShare.text).toBe("20%");
    expect(h.adversaryRewardShare.context).toBe(
      "with 25% of the work and 0% of the stake (1 adversarial agent)",
    );
    expect(h.giniHonestMinerRewards.value).toBeCloseTo(2 / 9, 12);
  });

  it("measures rates against the phase timings when no wall time is given", () => {
    // Phase i of epoch e took (i + 1)·10 + e ms: 360·3 + 8·(0 + 1 + 2) = 1,104 ms.
    const h = byKey(computeHeadline(smallRunTables()));
    expect(h.inferencesPerSecond.value).toBeCloseTo(120 / 1.104, 9);
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
    expect(empty.finalSupply.text).toBe("n/a");
  });

  it("summarises every defined metric into a JSON-safe object", () => {
    const summary = headlineSummary(computeHeadline(smallRunTables(), { wallTimeMs: 2000 }));
    expect(Object.keys(summary)).toEqual(HEADLINE_DEFINITIONS.map((d) => d.key));
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    expect(summary.giniMinerRewards).toBeCloseTo(0.25, 12);
  });
});

describe("formatMetric", () => {
  it("formats each unit for people, and differences with a sign", () => {
    expect(formatMetric(1316014.4, "gas")).toBe("1,316,014");
    expect(formatMetric(0.07142857, "percent")).toBe("7.1%");
    expect(formatMetric(0.000123456, "tokens")).toBe("0.0001235");
    expect(formatMetric(27000, "tokens")).toBe("27,000");
    expect(formatMetric(1530, "ms")).toBe("1.53 s");
    expect(formatMetric(null, "count")).toBe("n/a");
    expect(formatDifference(-0.031, "percent")).toBe("−3.1 pp");
    expect(formatDifference(0.0125, "coefficient")).toBe("+0.013");
    expect(formatDifference(0, "count")).toBe("±0");
  });
});
