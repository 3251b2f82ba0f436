import { compile, type TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import type { RunTables } from "../../sim/run/runTables.ts";
import { smallRunTables } from "../../test/fixtures/reports/smallRunTables.ts";
import { HEADLINE_DEFINITIONS } from "../headline/headlineDefinitions.ts";
import { buildCompareSpecs } from "./buildCompareSpecs.ts";
import { type ComparedRun, type ComparedSide, compareRuns } from "./compareRuns.ts";

function run(side: string, seed: number, tables: RunTables): ComparedRun {
  return {
    dir: `/runs/${side}-${seed}`,
    label: `${side} seed ${seed}`,
    scenario: "small",
    seed,
    tables,
    wallTimeMs: 2000,
  };
}

function withGas(gasUsed: number, adversary = false): RunTables {
  const t = smallRunTables({ adversary });
  for (const e of t.epochs) e.gasUsed = gasUsed;
  return t;
}

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

const side = (name: string, runs: ComparedRun[]): ComparedSide => ({ name, runs });
const metric = (c: ReturnType<typeof compareRuns>, key: string) => c.metrics.find((m) => m.key === key)!;

describe("compareRuns", () => {
  it("gives A, B and the difference of every headline metric, judged by its direction", () => {
    const c = compareRuns(
      side("A", [run("A", 1, smallRunTables())]),
      side("B", [run("B", 1, smallRunTables({ adversary: true }))]),
    );
    expect(c.metrics.map((m) => m.key)).toEqual(HEADLINE_DEFINITIONS.map((d) => d.key));
    // Honest miners: A 3, 6, 9, 12 (Gini 0.25); B 3, 6, 9 (Gini 2/9): lower is better.
    const gini = metric(c, "giniHonestMinerRewards");
    expect(gini.a?.estimate).toBeCloseTo(0.25, 12);
    expect(gini.difference?.estimate).toBeCloseTo(2 / 9 - 0.25, 12);
    expect(gini.relative).toBeCloseTo((2 / 9 - 0.25) / 0.25, 12);
    // One run per side: a zero-width interval earns no verdict, whatever the difference.
    expect([gini.verdict, gini.reason]).toEqual(["none", "one run per side: no verdict"]);
    const share = metric(c, "adversaryRewardShare");
    expect([share.a?.estimate, share.b?.estimate, share.relative, share.verdict]).toEqual([
      0,
      0.2,
      null,
      "none",
    ]);
    expect(metric(c, "epochs").verdict).toBe("same");
    // Same miners paid the same: no loss, recovered from the start.
    expect(c.honestLoss?.pairs).toHaveLength(1);
    expect(c.honestLoss?.loss?.estimate).toBe(0);
  });

  it("bootstraps intervals over seeds; no verdict when the interval of the difference includes 0", () => {
    const a = side("A", [
      run("A", 1, withGas(390_000)),
      run("A", 2, withGas(400_000)),
      run("A", 3, withGas(410_000)),
    ]);
    const b = side("B", [
      run("B", 1, withGas(500_000)),
      run("B", 2, withGas(500_000)),
      run("B", 3, withGas(500_000)),
    ]);
    const c = compareRuns(a, b, { seed: 5 });
    const gas = metric(c, "gasPerEpoch");
    expect(gas.a).toMatchObject({ estimate: 400_000, n: 3 });
    expect(gas.a!.low).toBeGreaterThanOrEqual(390_000);
    expect(gas.a!.high).toBeLessThanOrEqual(410_000);
    expect(gas.difference!.estimate).toBeCloseTo(100_000, 6);
    expect(gas.difference!.low).toBeGreaterThanOrEqual(90_000);
    expect(gas.difference!.high).toBeLessThanOrEqual(110_000);
    expect(gas.verdict).toBe("worse");
    expect(compareRuns(a, b, { seed: 5 })).toEqual(c);

    const noisy = compareRuns(
      side("A", [run("A", 1, withGas(300_000)), run("A", 2, withGas(500_000))]),
      side("B", [run("B", 1, withGas(390_000)), run("B", 2, withGas(430_000))]),
    );
    expect(metric(noisy, "gasPerEpoch")).toMatchObject({
      verdict: "none",
      reason: "the interval includes 0: no verdict",
    });
  });

  it("pairs the difference by seed when both sides ran the same seeds", () => {
    // Seed effects far larger than the change: B = A + 1,000 gas on every seed.
    const gasBySeed = [100_000, 300_000, 500_000, 700_000];
    const a = side(
      "A",
      gasBySeed.map((g, i) => run("A", i + 1, withGas(g))),
    );
    const b = side("B", gasBySeed.map((g, i) => run("B", i + 1, withGas(g + 1000))).reverse());
    const gas = metric(compareRuns(a, b, { seed: 1 }), "gasPerEpoch");
    expect(gas.paired).toBe(true);
    expect(gas.difference).toMatchObject({ low: 1000, high: 1000, n: 4 });
    expect(gas.difference!.estimate).toBeCloseTo(1000, 6);
    expect(gas.verdict).toBe("worse");
    // The same values on unpaired seeds: resampled independently, the interval spans 0.
    const unpaired = side(
      "B",
      gasBySeed.map((g, i) => run("B", i + 11, withGas(g + 1000))),
    );
    const independent = metric(compareRuns(a, unpaired, { seed: 1 }), "gasPerEpoch");
    expect(independent.paired).toBe(false);
    expect(independent.difference!.low).toBeLessThan(0);
    expect(independent.verdict).toBe("none");
  });

  it("gives Gini and Theil no direction: a significant change is 'changed', never better or worse", () => {
    const gini = (g: number) => {
      const t = smallRunTables();
      // Miner rewards 3, 6, 9, 12 scaled toward equality by g.
      for (const a of t.agents) if (a.role === "miner") a.totalReward = 7.5 + (a.totalReward - 7.5) * g;
      for (const r of t.agentEpochs) if (r.role === "miner") r.reward = 7.5 / t.epochs.length;
      return t;
    };
    const a = side(
      "A",
      [1, 2, 3].map((s) => run("A", s, gini(1))),
    );
    const b = side(
      "B",
      [1, 2, 3].map((s) => run("B", s, gini(0.5))),
    );
    const m = metric(compareRuns(a, b), "giniMinerRewards");
    expect(m.better).toBe("neither");
    expect(m.difference!.estimate).toBeLessThan(0);
    expect(m.verdict).toBe("changed");
    for (const key of ["giniHonestMinerRewards", "theilMinerRewards", "theilHonestMinerRewards"])
      expect(metric(compareRuns(a, b), key).better).toBe("neither");
  });

  it("pairs runs by seed for the honest miners' loss", () => {
    const hurt = smallRunTables({ adversary: true });
    for (const r of hurt.agentEpochs) if (r.role === "miner" && r.agent !== "miner-3") r.reward /= 2;
    for (const a of hurt.agents) if (a.role === "miner" && a.agent !== "miner-3") a.totalReward /= 2;
    const c = compareRuns(
      side("A", [run("A", 1, smallRunTables()), run("A", 2, smallRunTables())]),
      side("B", [run("B", 2, hurt), run("B", 9, hurt)]),
    );
    expect(c.honestLoss?.pairs.map((p) => [p.a, p.b])).toEqual([["/runs/A-2", "/runs/B-2"]]);
    expect(c.honestLoss?.loss?.estimate).toBeCloseTo(0.5, 12);
    expect(c.honestLoss?.pairs[0].loss.epochsToRecover).toBeNull();
  });

  it("treats float noise as no difference", () => {
    const b = smallRunTables();
    for (const e of b.epochs) e.gasUsed += 1e-10;
    const c = compareRuns(side("A", [run("A", 1, smallRunTables())]), side("B", [run("B", 1, b)]));
    expect(metric(c, "gasPerEpoch").difference?.estimate).toBe(0);
    expect(metric(c, "gasPerEpoch").verdict).toBe("same");
  });

  it("builds overlay charts, leaving the adversary chart out when neither side has adversaries", () => {
    const runs = [run("A", 1, smallRunTables()), run("B", 1, smallRunTables())];
    const honest = buildCompareSpecs(runs, compareRuns(side("A", [runs[0]]), side("B", [runs[1]])));
    expect(honest.omitted.map((o) => o.name)).toEqual(["adversary-share"]);
    const attacked = [runs[0], run("B", 1, smallRunTables({ adversary: true }))];
    const set = buildCompareSpecs(attacked, compareRuns(side("A", [attacked[0]]), side("B", [attacked[1]])));
    expect(set.charts.map((c) => c.name)).toEqual([
      "reward-vs-accuracy",
      "lorenz",
      "honest-reward",
      "concentration",
      "adversary-share",
      "gas-transactions",
      "supply",
      "wall-time",
    ]);
    expect(set.omitted).toEqual([]);
    for (const c of set.charts) expect(compileWarnings(c.spec), c.name).toEqual([]);
    // Every chart colours runs the same way: A first.
    expect(JSON.stringify(set.charts.find((c) => c.name === "supply")!.spec)).toContain(
      '"domain":["A seed 1","B seed 1"]',
    );
  });
});
