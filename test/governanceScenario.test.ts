import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../sim/run/toCsv.ts";
import { type RunResult, runScenario } from "../sim/runScenario.ts";

const SCENARIO = join(import.meta.dirname, "..", "scenarios", "governance", "split-change.yaml");
const RESULT_FILES = ["epochs.csv", "agent_epochs.csv", "agents.csv", "transactions.csv", "governance.csv"];
const GAS_COLUMNS = new Set(["gasUsed", "run_id"]); // and the run folder name, which differs

function withoutGas(runDir: string, file: string): Record<string, string>[] {
  return parseCsv(readFileSync(join(runDir, file), "utf8")).map((row) =>
    Object.fromEntries(Object.entries(row).filter(([column]) => !GAS_COLUMNS.has(column))),
  );
}

async function run(backend: "anvil" | "memory"): Promise<RunResult> {
  const out = await mkdtemp(join(tmpdir(), "crucible-governance-"));
  return runScenario({ scenarioPath: SCENARIO, epochs: 9, outDir: out, overrides: { chain: { backend } } });
}

/**
 * scenarios/governance/split-change.yaml end to end: miner-0's proposal (miners 0.5 → 0.7) passes the
 * token vote and executes through the timelock mid-run, after which the miners' share of each
 * epoch's reward is 0.7; validator-0's owner cut is voted down. On Anvil and in memory alike: the same
 * result tables (gas apart), governance.csv included.
 */
describe("a governance proposal changes the emission split mid-run", () => {
  it("passes, takes effect after the timelock, and both protocols agree", async () => {
    const anvil = await run("anvil");
    const g = anvil.tables.governance ?? [];
    const outcome = (n: number) => g.find((r) => r.proposal === n && r.action === "outcome");
    expect(outcome(0)?.status).toBe("Executed");
    expect(outcome(1)?.status).toBe("Defeated");
    const votes = (n: number, support: string) =>
      g.filter((r) => r.proposal === n && r.action === "vote" && r.support === support).map((r) => r.agent);
    // Miners gain from a larger miners' share, validators lose: each votes its interest.
    expect(votes(0, "for").every((a) => a.startsWith("miner-"))).toBe(true);
    expect(votes(0, "against").every((a) => a.startsWith("validator-"))).toBe(true);
    expect(votes(0, "for").length).toBeGreaterThan(0);
    // The owner cut takes from both sides: nobody votes for it.
    expect(votes(1, "for")).toEqual([]);
    expect(votes(1, "against").length).toBeGreaterThan(0);

    const effective = (outcome(0)?.epoch ?? 99) + 1;
    const minerShare = (epoch: number) => {
      const rows = anvil.tables.agentEpochs.filter((r) => r.epoch === epoch);
      const all = rows.reduce((s, r) => s + r.reward, 0);
      return rows.filter((r) => r.role === "miner").reduce((s, r) => s + r.reward, 0) / all;
    };
    expect(effective).toBeLessThan(9);
    expect(minerShare(effective - 1)).toBeCloseTo(0.5, 6);
    for (let e = effective; e < 9; e++) expect(minerShare(e)).toBeCloseTo(0.7, 6);

    const memory = await run("memory");
    for (const table of RESULT_FILES) {
      expect(withoutGas(memory.runDir, table), table).toEqual(withoutGas(anvil.runDir, table));
    }
    expect(memory.supplyBooks).toEqual(anvil.supplyBooks);
    const html = readFileSync(anvil.reportPath, "utf8");
    expect(html).toContain("<h2>Governance</h2>");
    expect(html).toContain("governance-timeline");
  }, 300_000);
});
