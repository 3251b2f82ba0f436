import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Population } from "../sim/engine/buildPopulation.ts";
import { simulateRun } from "../sim/engine/simulateRun.ts";
import { prepareRun } from "../sim/prepareRun.ts";
import { startMemorySession } from "../sim/protocol/memory/startMemorySession.ts";
import type { AgentRow, RunTables } from "../sim/run/runTables.ts";
import { parseCsv } from "../sim/run/toCsv.ts";
import { runScenario } from "../sim/runScenario.ts";
import { honestTwinOverrides } from "../sim/scenario/honestTwin.ts";

const ATTACKS = join(import.meta.dirname, "..", "scenarios", "attacks");
const files = readdirSync(ATTACKS).filter((f) => f.endsWith(".yaml"));
/** Reduced size: enough epochs for bonds and EMAs to move, far fewer than the scenarios' 20. */
const EPOCHS = 8;

interface Pair {
  attack: RunTables;
  twin: RunTables;
  population: Population;
}

async function runPair(file: string): Promise<Pair> {
  const scenarioPath = join(ATTACKS, file);
  const base = await prepareRun({ scenarioPath });
  const run = async (overrides: Record<string, unknown>) => {
    const prepared = await prepareRun({ scenarioPath, epochs: EPOCHS, overrides });
    return { tables: (await simulateRun(prepared, { startProtocol: startMemorySession })).tables, prepared };
  };
  const attack = await run({ chain: { backend: "memory" } });
  const twin = await run({ chain: { backend: "memory" }, ...honestTwinOverrides(base.scenario) });
  return { attack: attack.tables, twin: twin.tables, population: attack.prepared.population };
}

const sum = (rows: readonly AgentRow[]) => rows.reduce((s, a) => s + a.totalReward, 0);
const profit = (rows: readonly AgentRow[]) =>
  rows.reduce((s, a) => s + a.totalReward + a.totalFees - a.cost - a.slashed, 0);
const agentsOf = (p: Pair, pick: (a: { operator?: string; strategy: { name: string } }) => boolean) =>
  new Set([...p.population.validators, ...p.population.miners].filter(pick).map((a) => a.agent));
const rows = (t: RunTables, who: Set<string>) => t.agents.filter((a) => who.has(a.agent));
const honestMiners = (t: RunTables, attackers: Set<string>) =>
  t.agents.filter((a) => a.role === "miner" && !attackers.has(a.agent));
const ofOperator = (name: string) => (a: { operator?: string }) => a.operator === name;
const ofStrategy = (name: string) => (a: { strategy: { name: string } }) => a.strategy.name === name;

/**
 * The outcome each attack scenario's header states, checked on the attack run against its honest
 * twin (same seed, population and operators, every strategy honest), Yuma 3, in memory.
 */
const OUTCOMES: Record<string, (p: Pair) => void> = {
  "cabal.yaml": (p) => {
    // Below κ of the stake the cabal loses against honesty, and honest miners lose too.
    const cabal = agentsOf(p, ofOperator("cabal"));
    expect(profit(rows(p.attack, cabal))).toBeLessThan(profit(rows(p.twin, cabal)));
    expect(sum(honestMiners(p.attack, cabal))).toBeLessThan(sum(honestMiners(p.twin, cabal)));
  },
  "stake-whale.yaml": (p) => {
    // Past κ the whale's random-tier miners take most of the miners' incentive.
    const whale = agentsOf(p, ofOperator("whale"));
    const miners = p.attack.agents.filter((a) => a.role === "miner");
    expect(sum(miners.filter((a) => whale.has(a.agent))) / sum(miners)).toBeGreaterThan(0.5);
    expect(profit(rows(p.attack, whale))).toBeGreaterThan(profit(rows(p.twin, whale)));
  },
  "self-dealing.yaml": (p) => {
    // The self-weight never reaches incentive (the diagonal is masked); the dealer loses dividends.
    const dealer = p.population.validators.find((v) => v.operator === "dealer");
    const own = p.attack.agentEpochs.filter((r) => r.agent === dealer?.agent);
    expect(own.length).toBe(EPOCHS);
    for (const r of own) expect(r.incentive).toBe(0);
    const v = new Set([dealer?.agent ?? ""]);
    expect(sum(rows(p.attack, v))).toBeLessThan(sum(rows(p.twin, v)));
  },
  "weight-copier.yaml": (p) => {
    // It evaluates nothing and still earns at least 80 % of its honest twin's dividends.
    const copier = agentsOf(p, ofStrategy("weight-copier"));
    expect(sum(rows(p.attack, copier))).toBeGreaterThan(0.8 * sum(rows(p.twin, copier)));
  },
  "lazy-miner.yaml": (p) => {
    // Lazy miners earn less than the same models would honestly.
    const lazy = agentsOf(p, (a) => a.strategy.name === "random" || a.strategy.name === "stale");
    expect(sum(rows(p.attack, lazy))).toBeLessThan(sum(rows(p.twin, lazy)));
  },
  "copycat.yaml": (p) => {
    // Copies of the top miner earn far more than the copiers' own (random) models would.
    const copycats = agentsOf(p, ofStrategy("copycat"));
    expect(sum(rows(p.attack, copycats))).toBeGreaterThan(2 * sum(rows(p.twin, copycats)));
    expect(profit(rows(p.attack, copycats))).toBeGreaterThan(profit(rows(p.twin, copycats)));
  },
  "plagiarism.yaml": (p) => {
    const thieves = agentsOf(p, ofStrategy("plagiarist"));
    expect(sum(rows(p.attack, thieves))).toBeGreaterThan(2 * sum(rows(p.twin, thieves)));
  },
  "sybil.yaml": (p) => {
    // Four UIDs, one compute: the operator's profit beats four honest miners of the same model.
    const sybil = agentsOf(p, ofOperator("sybil"));
    expect(profit(rows(p.attack, sybil))).toBeGreaterThan(profit(rows(p.twin, sybil)));
    expect(p.attack.operators?.map((o) => o.operator)).toEqual(["sybil", "independent"]);
  },
  "under-weighting.yaml": (p) => {
    // The griefer's miners gain share; its own validator loses dividends.
    const griefer = agentsOf(p, ofOperator("griefer"));
    const minersOf = (t: RunTables) => t.agents.filter((a) => a.role === "miner");
    const share = (t: RunTables) => sum(minersOf(t).filter((a) => griefer.has(a.agent))) / sum(minersOf(t));
    expect(share(p.attack)).toBeGreaterThan(share(p.twin));
    const validator = agentsOf(p, ofStrategy("under-weighter"));
    expect(sum(rows(p.attack, validator))).toBeLessThan(sum(rows(p.twin, validator)));
  },
  "lazy-validator.yaml": (p) => {
    const lazy = agentsOf(p, ofStrategy("lazy-validator"));
    expect(sum(rows(p.attack, lazy))).toBeLessThan(sum(rows(p.twin, lazy)));
  },
  "late-validator.yaml": (p) => {
    // Silent epochs cost it: it earns less than its twin that weighed from the start.
    const late = agentsOf(p, ofStrategy("late-validator"));
    expect(sum(rows(p.attack, late))).toBeLessThan(sum(rows(p.twin, late)));
  },
  "adaptive.yaml": (p) => {
    // One recorded choice per adaptive miner per epoch, from its arms.
    const choices = p.attack.choices ?? [];
    expect(choices).toHaveLength(2 * EPOCHS);
    for (const c of choices) expect(["honest", "copycat", "random", "stale"]).toContain(c.choice);
  },
  "uid-sniper.yaml": (p) => {
    // Immunity protects the expert newcomer: it is never pruned; the subnet stays full.
    const newcomer = p.population.miners.find((m) => m.joinEpoch === 4);
    const row = p.attack.agents.find((a) => a.agent === newcomer?.agent);
    expect(row?.prunedEpoch).toBe(-1);
    expect(row?.totalReward).toBeGreaterThan(0);
  },
};

describe("every attack scenario in scenarios/attacks/ shows its stated outcome at reduced size", () => {
  it("finds the attack scenarios, each with a header and a checked outcome", () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      const text = readFileSync(join(ATTACKS, file), "utf8");
      for (const part of ["# Question:", "# Expected:", "# Source:"])
        expect(text, `${file}: ${part}`).toContain(part);
      expect(Object.keys(OUTCOMES), file).toContain(file);
    }
  });
  for (const file of files) {
    it(file, async () => {
      OUTCOMES[file]?.(await runPair(file));
    });
  }
});

/** A sample of attack scenarios on the contracts: operators.csv and choices.csv as in memory. */
describe("attack scenarios on Anvil and in memory alike (sample)", () => {
  for (const file of ["cabal.yaml", "adaptive.yaml", "self-dealing.yaml"]) {
    it(file, async () => {
      const run = async (backend: "anvil" | "memory") =>
        runScenario({
          scenarioPath: join(ATTACKS, file),
          epochs: 3,
          outDir: await mkdtemp(join(tmpdir(), "crucible-attack-")),
          overrides: { chain: { backend } },
        });
      const anvil = await run("anvil");
      const memory = await run("memory");
      for (const table of ["agent_epochs.csv", "agents.csv", "operators.csv", "choices.csv"]) {
        const read = (dir: string) => {
          try {
            // run_id names the run's folder, which differs between the two runs.
            return parseCsv(readFileSync(join(dir, table), "utf8")).map(({ run_id: _, ...row }) => row);
          } catch {
            return null;
          }
        };
        expect(read(memory.runDir), `${file}: ${table}`).toEqual(read(anvil.runDir));
      }
      expect(memory.supplyBooks).toEqual(anvil.supplyBooks);
      // The report shows each operator as one actor with one profit line.
      const html = readFileSync(memory.reportPath, "utf8");
      if (file !== "adaptive.yaml") expect(html).toMatch(/<tr data-operator="(cabal|dealer)">/);
      else expect(html).toContain('id="chart-adaptive-choice"');
    });
  }
});
