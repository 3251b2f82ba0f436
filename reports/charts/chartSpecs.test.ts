import type { TopLevelSpec } from "vega-lite";
import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import type { RunTables } from "../../sim/run/runTables.ts";
import { smallRunTables } from "../../test/fixtures/reports/smallRunTables.ts";
import { buildChartSpecs } from "../buildChartSpecs.ts";
import { cumulativeRewardSpec } from "./cumulativeRewardSpec.ts";
import { lorenzSpec } from "./lorenzSpec.ts";
import { phaseTimeSpec } from "./phaseTimeSpec.ts";
import { rewardVsAccuracySpec } from "./rewardVsAccuracySpec.ts";

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

type Titled = { title: { text: string; subtitle: string | string[] } };
const subtitle = (spec: TopLevelSpec) => [(spec as Titled).title.subtitle].flat().join(" | ");

/** Every inline data row of a spec, from its top level and its layers and panels. */
function values(spec: unknown): Record<string, unknown>[] {
  const s = spec as { data?: { values?: Record<string, unknown>[] }; layer?: unknown[]; hconcat?: unknown[] };
  return [...(s.data?.values ?? []), ...[...(s.layer ?? []), ...(s.hconcat ?? [])].flatMap(values)];
}

const ALL_CHARTS = [
  "reward-vs-accuracy",
  "lorenz",
  "concentration",
  "cumulative-reward",
  "adversary-share",
  "supply-emission",
  "gas-transactions",
  "phase-time",
];

describe("chart specs", () => {
  const tables = smallRunTables({ adversary: true });
  const { charts } = buildChartSpecs(tables);

  it("match their snapshots", () => {
    expect(charts).toMatchSnapshot();
  });

  it("compile with vega-lite without warnings and have titles and sizes", () => {
    expect(charts.map((c) => c.name)).toEqual(ALL_CHARTS);
    for (const c of charts) {
      expect(compileWarnings(c.spec), c.name).toEqual([]);
      const json = JSON.stringify(c.spec);
      expect(json).toContain('"width"');
      expect(json).toContain('"height"');
      expect((c.spec as Titled).title.text.length).toBeGreaterThan(10);
    }
  });

  it("leaves the adversary chart out of an honest run, with the reason", () => {
    const honest = buildChartSpecs(smallRunTables());
    expect(honest.charts.map((c) => c.name)).toEqual(ALL_CHARTS.filter((n) => n !== "adversary-share"));
    expect(honest.omitted).toHaveLength(1);
    expect(honest.omitted[0].name).toBe("adversary-share");
    expect(honest.omitted[0].reason).toContain("every agent in this run is honest");
  });

  it("puts Spearman's rho in the reward-vs-accuracy subtitle and plots miners only", () => {
    const spec = rewardVsAccuracySpec(tables);
    expect(subtitle(spec)).toContain("Spearman ρ = 1.000 over 4 miners");
    expect(values(spec).map((v) => v.agent)).toEqual(["miner-0", "miner-1", "miner-2", "miner-3"]);

    const reversed: RunTables = {
      ...tables,
      agents: tables.agents.map((a) => ({ ...a, totalReward: a.role === "miner" ? 100 - a.totalReward : 0 })),
    };
    expect(subtitle(rewardVsAccuracySpec(reversed))).toContain("ρ = -1.000");
  });

  it("draws a Lorenz curve per group with the equality line, thinned for large groups", () => {
    const spec = charts.find((c) => c.name === "lorenz")!.spec;
    // Miners 3, 6, 9, 12 (Gini 0.25), honest miners 3, 6, 9 (2/9), validators 15, 15 (0).
    expect(subtitle(spec)).toContain("Gini: All miners 0.250, Honest miners 0.222, Validators 0.000");
    const curves = values(spec).filter((v) => "curve" in v);
    expect(curves.filter((v) => v.curve === "All miners").map((v) => v.share)).toEqual([0, 0.1, 0.3, 0.6, 1]);
    const big = lorenzSpec([{ label: "Many", amounts: Array.from({ length: 5000 }, (_, i) => i) }]);
    expect(values(big).filter((v) => "curve" in v)).toHaveLength(201);
  });

  it("shows what adversaries took against what they put in", () => {
    const spec = charts.find((c) => c.name === "adversary-share")!.spec;
    expect(subtitle(spec)).toContain(
      "1 adversarial agent (copycat) took 20% of all rewards with 25% of the work",
    );
    const epoch0 = values(spec).filter((v) => v.epoch === 0);
    expect(Object.fromEntries(epoch0.map((v) => [v.series, v.share]))).toEqual({
      "Share of all rewards": 0.2,
      "Share of miner rewards": 0.4,
      "Share of the work": 0.25,
      "Share of stake": 0,
    });
  });

  it("summarises economics and throughput in the subtitles", () => {
    const byName = Object.fromEntries(charts.map((c) => [c.name, c.spec]));
    expect(subtitle(byName["supply-emission"])).toBe(
      "Supply 4,020 → 4,060 tokens; staking ratio 50% at the end; validator yield 0.5% per epoch",
    );
    expect(subtitle(byName["gas-transactions"])).toBe(
      "Per epoch: 8 transactions and 400,000 gas on average; 0% reverted",
    );
    expect(subtitle(byName.concentration)).toContain("Nakamoto coefficient of rewards 3 and of stake 2");
  });

  it("caps the cumulative-reward lines per role, keeping the extremes", () => {
    const spec = cumulativeRewardSpec(tables, { maxAgentsPerRole: 2 });
    const agents = new Set(values(spec).map((v) => v.agent));
    expect([...agents].sort()).toEqual(["miner-0", "miner-3", "validator-0", "validator-1"]);
    expect(subtitle(spec)).toContain("2 of 4 miners");
    expect(subtitle(spec)).not.toContain("validators");
  });

  it("switches per-epoch charts from bars to areas for long runs", () => {
    expect(JSON.stringify(phaseTimeSpec(tables))).toContain('"mark":{"type":"bar"}');
    const long: RunTables = {
      ...tables,
      epochs: Array.from({ length: 100 }, (_, epoch) => ({ ...tables.epochs[0], epoch })),
      timings: Array.from({ length: 100 }, (_, epoch) => ({ epoch, phase: "inference" as const, ms: 5 })),
    };
    const spec = phaseTimeSpec(long);
    expect((spec as { mark: { type: string } }).mark.type).toBe("area");
    for (const c of buildChartSpecs(long).charts) {
      expect(compileWarnings(c.spec), c.name).toEqual([]);
      expect(JSON.stringify(c.spec), c.name).not.toContain('"type":"bar"');
    }
  });
});
