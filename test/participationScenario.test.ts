import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../sim/run/toCsv.ts";
import { type RunResult, runScenario } from "../sim/runScenario.ts";
import { parseScenario } from "../sim/scenario/loadScenario.ts";
import { parseSetFlags } from "../sim/scenario/setOverrides.ts";

const SCENARIO = join(import.meta.dirname, "..", "scenarios", "participation.yaml");
const RESULT_FILES = ["participation.csv", "agents.csv", "agent_epochs.csv"];
const IGNORED = new Set(["gasUsed", "run_id"]);

function rows(runDir: string, file: string): Record<string, string>[] {
  return parseCsv(readFileSync(join(runDir, file), "utf8")).map((row) =>
    Object.fromEntries(Object.entries(row).filter(([column]) => !IGNORED.has(column))),
  );
}

async function run(backend: "anvil" | "memory", epochs: number, set: string[] = []): Promise<RunResult> {
  const out = await mkdtemp(join(tmpdir(), "crucible-participation-"));
  return runScenario({
    scenarioPath: SCENARIO,
    epochs,
    outDir: out,
    charts: false,
    overrides: { chain: { backend } },
    set: parseSetFlags(set),
  });
}

/** A lazy (random-weight) validator beside two honest ones, stake costing 0.15 an epoch, a prospective
 * validator of 1000 tokens, unstaking cooling down 1 epoch. */
const VALIDATORS = [
  "costs.stakePerEpoch=0.15",
  "protocol.unstakeCooldownEpochs=1",
  "participation.validatorProspects=[{count: 1, stake: 1000}]",
  "population.validators=[{count: 2, stake: 1000}, {count: 1, stake: 1000, strategy: {name: lazy-validator, params: {mode: random}}}]",
];

/**
 * scenarios/participation.yaml end to end: prospects register by expected profit net of the burn,
 * registrations into the full subnet prune the lowest-emission UIDs, and miners losing money stop
 * serving (their answers score 0) until pruned. Deterministic, and the same on Anvil as in memory.
 */
describe("participation: entry and exit by expected profit", () => {
  it("prospects enter when it pays, losers stop serving and are pruned", async () => {
    const memory = await run("memory", 16);
    const p = memory.tables.participation ?? [];
    const enters = p.filter((r) => r.action === "enter");
    expect(enters.length).toBeGreaterThan(0);
    for (const r of enters) {
      expect(r.profit).toBeGreaterThan(0);
      expect(r.outcome).toBe("success");
      expect(r.burned).toBeCloseTo(50, 9); // the fixed price
    }
    // Compute (0.7 a query, 44.8 an epoch) costs more than a poor miner earns: no poor prospect
    // enters, and the poor incumbents (honest) stop serving.
    expect(enters.filter((r) => r.tier === "poor")).toEqual([]);
    const exits = p.filter((r) => r.action === "exit");
    expect(exits.map((r) => r.agent).sort()).toEqual(["miner-2", "miner-3"]);
    // 10 UIDs, 6 at genesis: every entry past the fourth prunes one, first those that stopped serving.
    const pruned = p.filter((r) => r.action === "pruned");
    expect(pruned.length).toBe(enters.length - 4);
    expect(pruned.every((r) => r.outcome === "after it stopped serving")).toBe(true);
    // An agent that stopped serving scores 0 from the next epoch on.
    const agentEpochs = memory.tables.agentEpochs;
    for (const exit of exits) {
      expect(exit.profit).toBeLessThan(0);
      const after = agentEpochs.filter((r) => r.agent === exit.agent && r.epoch > exit.epoch);
      for (const r of after) expect(r.score).toBe(0);
    }
    const html = readFileSync(memory.reportPath, "utf8");
    expect(html).toContain("<h2>Participation</h2>");
    expect(html).toContain('<tr data-action="exit">');
    // Same seed, same decisions.
    const again = await run("memory", 16);
    expect(rows(again.runDir, "participation.csv")).toEqual(rows(memory.runDir, "participation.csv"));
  }, 300_000);

  it("entries and exits are the same on Anvil as in memory", async () => {
    const memory = await run("memory", 8);
    const anvil = await run("anvil", 8);
    for (const table of RESULT_FILES) {
      expect(rows(anvil.runDir, table), table).toEqual(rows(memory.runDir, table));
    }
    expect(anvil.supplyBooks).toEqual(memory.supplyBooks);
  }, 300_000);

  it("a validator that loses money stops validating and unstakes; a prospective one enters; Anvil agrees", async () => {
    const memory = await run("memory", 10, VALIDATORS);
    const p = memory.tables.participation ?? [];
    const exit = p.find((r) => r.action === "exit" && r.agent === "validator-2");
    expect(exit?.strategy).toBe("lazy-validator");
    expect(exit?.profit).toBeLessThan(0);
    const enter = p.find((r) => r.action === "enter" && r.agent === "validator-3");
    expect(enter?.outcome).toBe("success");
    expect(enter?.profit).toBeGreaterThan(0);
    // It unstakes at the next epoch's start and withdraws after the 1-epoch cooldown.
    const transactions = parseCsv(readFileSync(join(memory.runDir, "transactions.csv"), "utf8")).filter(
      (t) => t.agent === "validator-2" && t.phase === "register",
    );
    const at = (exit?.epoch ?? 0) + 1;
    expect(transactions.map((t) => [Number(t.epoch), t.functionName, t.status])).toEqual([
      [at, "unstake", "success"],
      [at + 2, "withdraw", "success"],
    ]);
    // From then on it sets no weights and holds no stake.
    const later = memory.tables.agentEpochs.filter((r) => r.agent === "validator-2" && r.epoch > at);
    expect(later.length).toBeGreaterThan(0);
    for (const r of later) expect(r.stake).toBe(0);

    const anvil = await run("anvil", 10, VALIDATORS);
    for (const table of [...RESULT_FILES, "transactions.csv"]) {
      expect(rows(anvil.runDir, table), table).toEqual(rows(memory.runDir, table));
    }
    expect(anvil.supplyBooks).toEqual(memory.supplyBooks);
  }, 300_000);

  it("refuses miners with collateral, naming the file and field", () => {
    const text = readFileSync(SCENARIO, "utf8").replace(
      "- { tier: expert, count: 1 }",
      "- { tier: expert, count: 1, stake: 5 }",
    );
    expect(() => parseScenario(text, "p.yaml")).toThrow(
      /p\.yaml: population\.miners\.0\.stake|p\.yaml: population\.miners\[0\]\.stake/,
    );
  });
});
