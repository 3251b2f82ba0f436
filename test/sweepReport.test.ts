import { describe, expect, it } from "vitest";
import { buildSweepCharts, buildSweepHtml } from "../sim/sweep/sweepReport/buildSweepHtml.ts";
import { bandPoints } from "../sim/sweep/sweepReport/summarizeSweep.ts";
import { FAILED_RUN_INDEX, syntheticSweep } from "./fixtures/sweep/syntheticSweep.ts";

describe("sweep.html", () => {
  const { plan, rows } = syntheticSweep();

  it("bands: the mean per value over the replicates, a bootstrap interval around it, reproducible", () => {
    const points = bandPoints(
      plan,
      rows,
      "giniMinerRewards",
      "emissionSplit.miners",
      "chain.emissionPerEpoch",
    );
    // 3 values × 3 series; every cell has its 3 replicates except the failed run's.
    expect(points).toHaveLength(9);
    const failed = plan.runs[FAILED_RUN_INDEX].values;
    for (const p of points) {
      const isFailedCell =
        p.x === failed["emissionSplit.miners"] && p.series === String(failed["chain.emissionPerEpoch"]);
      expect(p.runs).toBe(isFailedCell ? 2 : 3);
      expect(p.low).toBeLessThanOrEqual(p.mean);
      expect(p.high).toBeGreaterThanOrEqual(p.mean);
      expect(p.high - p.low).toBeGreaterThan(0);
    }
    const at03 = points.find((p) => p.x === 0.3 && p.series === "2000");
    expect(at03?.mean).toBeCloseTo(0.2 + 0.15 + (0.02 - 0.01 + 0.005) / 3, 12);
    expect(
      bandPoints(plan, rows, "giniMinerRewards", "emissionSplit.miners", "chain.emissionPerEpoch"),
    ).toEqual(points);
  });

  it("ranks the parameter that drives each metric first", () => {
    const { ranking } = buildSweepCharts(plan, rows);
    const first = (metric: string) => ranking.find((s) => s.metric === metric && s.rank === 1);
    expect(first("giniMinerRewards")?.parameter).toBe("emissionSplit.miners");
    expect(first("giniMinerRewards")?.prcc).toBeGreaterThan(0.9);
    expect(first("validatorYieldPerEpoch")?.parameter).toBe("chain.emissionPerEpoch");
    for (const s of ranking) if (s.rank === 2) expect(Math.abs(s.prcc as number)).toBeLessThan(0.5);
  });

  it("says so when no parameter moves a metric (the same value at every point of a replicate)", () => {
    const flat = rows.map((r) => ({
      ...r,
      giniMinerRewards: r.status === "complete" ? 0.3 + (r.replicate as number) / 100 : null,
    }));
    expect(buildSweepHtml(plan, flat)).toMatch(
      /<tr data-metric="giniMinerRewards"><td>[^<]+<\/td><td>no swept parameter moves it \(every \|PRCC\| &lt; 0.05\)<\/td>/,
    );
  });

  it("has a band chart per metric and parameter, a heatmap per metric, the sensitivity chart, run links", () => {
    const { perMetric } = buildSweepCharts(plan, rows);
    expect(perMetric.map((m) => m.charts.map((c) => c.name))).toEqual([
      ["band-0-0", "band-0-1", "heatmap-0"],
      ["band-1-0", "band-1-1", "heatmap-1"],
    ]);
    const html = buildSweepHtml(plan, rows);
    expect(html).toContain("26 complete</strong>");
    expect(html).toContain("1 failed</strong>");
    const links = [...html.matchAll(/<a href="(runs\/[^"]+)">/g)].map((m) => m[1]);
    expect(links).toHaveLength(27);
    expect(links[0]).toBe(
      `runs/${plan.runs[0].id}/synthetic-${plan.runs[0].seed}-20260101T000000Z/report.html`,
    );
    expect(links[FAILED_RUN_INDEX]).toMatch(/\.failed\/error\.txt$/);
    // The failed run's error is escaped into a tooltip, never markup.
    expect(html).toContain(
      'title="exit code 1: error: run failed: &lt;planted&gt; &amp; quoted &quot;failure&quot;"',
    );
    expect(html).not.toContain("<planted>");
  });
});
