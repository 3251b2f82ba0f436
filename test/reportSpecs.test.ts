import type { TopLevelSpec } from "vega-lite";
import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import { buildChartSpecs } from "../reports/buildChartSpecs.ts";
import { cumulativeRewardSpec } from "../reports/charts/cumulativeRewardSpec.ts";
import { phaseTimeSpec } from "../reports/charts/phaseTimeSpec.ts";
import { rewardVsAccuracySpec } from "../reports/charts/rewardVsAccuracySpec.ts";
import { smallRunTables } from "../reports/fixtures/smallRunTables.ts";
import type { RunTables } from "../sim/run/runTables.ts";

/** Compiles with vega-lite, collecting its warnings (a bad encoding is a warning, not an error). */
function compileWarnings(spec: TopLevelSpec): string[] {
  const warnings: string[] = [];
  const collect = (...args: readonly unknown[]) => {
    warnings.push(args.map(String).join(" "));
    return logger;
  };
  const logger = { level: () => 0, error: collect, warn: collect, info: () => logger, debug: () => logger };
  compile(spec, { logger: logger as never });
  return warnings;
}

function values(spec: TopLevelSpec): Record<string, unknown>[] {
  const data = (spec as { data?: { values?: Record<string, unknown>[] } }).data;
  return data?.values ?? [];
}

describe("chart specs", () => {
  const tables = smallRunTables();
  const charts = buildChartSpecs(tables);

  it("match their snapshots", () => {
    expect(charts).toMatchSnapshot();
  });

  it("compile with vega-lite without warnings and have titles and sizes", () => {
    expect(charts.map((c) => c.name)).toEqual(["reward-vs-accuracy", "cumulative-reward", "phase-time"]);
    for (const c of charts) {
      expect(compileWarnings(c.spec), c.name).toEqual([]);
      const json = JSON.stringify(c.spec);
      expect(json).toContain('"width"');
      expect(json).toContain('"height"');
      expect((c.spec as { title?: { text?: string } }).title?.text?.length).toBeGreaterThan(10);
    }
  });

  it("puts Spearman's rho in the reward-vs-accuracy subtitle and plots miners only", () => {
    const spec = rewardVsAccuracySpec(tables) as { title: { subtitle: string } } & TopLevelSpec;
    expect(spec.title.subtitle).toContain("Spearman ρ = 1.000 over 4 miners");
    expect(values(spec).map((v) => v.agent)).toEqual(["miner-0", "miner-1", "miner-2", "miner-3"]);

    const reversed: RunTables = {
      ...tables,
      agents: tables.agents.map((a) => ({ ...a, totalReward: a.role === "miner" ? 100 - a.totalReward : 0 })),
    };
    const rev = rewardVsAccuracySpec(reversed) as { title: { subtitle: string } } & TopLevelSpec;
    expect(rev.title.subtitle).toContain("ρ = -1.000");
  });

  it("caps the cumulative-reward lines per role, keeping the extremes", () => {
    const spec = cumulativeRewardSpec(tables, { maxAgentsPerRole: 2 }) as {
      title: { subtitle: string };
    } & TopLevelSpec;
    const agents = new Set(values(spec).map((v) => v.agent));
    expect([...agents].sort()).toEqual(["miner-0", "miner-3", "validator-0", "validator-1"]);
    expect(spec.title.subtitle).toContain("2 of 4 miners");
    expect(spec.title.subtitle).not.toContain("validators");
  });

  it("switches the phase chart from bars to a stacked area for long runs", () => {
    expect(JSON.stringify(phaseTimeSpec(tables))).toContain('"mark":{"type":"bar"}');
    const long: RunTables = {
      ...tables,
      timings: Array.from({ length: 100 }, (_, epoch) => ({ epoch, phase: "inference" as const, ms: 5 })),
    };
    const spec = phaseTimeSpec(long);
    expect((spec as { mark: { type: string } }).mark.type).toBe("area");
    expect(compileWarnings(spec)).toEqual([]);
  });
});
