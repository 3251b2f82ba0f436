import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../sim/run/toCsv.ts";
import { type RunResult, runScenario } from "../sim/runScenario.ts";

const SCENARIO = join(import.meta.dirname, "..", "scenarios", "governance", "vote-buyer.yaml");
const RESULT_FILES = ["epochs.csv", "agent_epochs.csv", "agents.csv", "transactions.csv", "governance.csv"];
const GAS_COLUMNS = new Set(["gasUsed", "run_id"]);
const EPOCHS = 11;

function withoutGas(runDir: string, file: string): Record<string, string>[] {
  return parseCsv(readFileSync(join(runDir, file), "utf8")).map((row) =>
    Object.fromEntries(Object.entries(row).filter(([column]) => !GAS_COLUMNS.has(column))),
  );
}

async function run(backend: "anvil" | "memory"): Promise<RunResult> {
  const out = await mkdtemp(join(tmpdir(), "crucible-vote-buyer-"));
  return runScenario({
    scenarioPath: SCENARIO,
    epochs: EPOCHS,
    outDir: out,
    overrides: { chain: { backend } },
  });
}

/**
 * scenarios/governance/vote-buyer.yaml end to end: validator-0 escrows bribes for the miners it
 * needs, they vote for and claim, the split 0/0.2/0.8 executes through the timelock, and the bribes
 * are in the buyer's cost. On Anvil and in memory alike: the same result tables (gas apart).
 */
describe("a vote buyer passes a harmful split through an on-chain bribe escrow", () => {
  it("bribes the votes it needs, passes the change, pays for it, and both protocols agree", async () => {
    const anvil = await run("anvil");
    const g = anvil.tables.governance ?? [];
    const offer = g.find((r) => r.action === "offer");
    expect(offer?.status).toBe("success");
    const claims = g.filter((r) => r.action === "claim");
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every((c) => c.status === "success" && c.agent.startsWith("miner-"))).toBe(true);
    // Every bribed holder voted for; the miners it did not bribe voted against.
    const votes = g.filter((r) => r.action === "vote");
    const bribed = new Set(claims.map((c) => c.agent));
    for (const v of votes.filter((v) => v.agent.startsWith("miner-")))
      expect(v.support).toBe(bribed.has(v.agent) ? "for" : "against");
    const outcome = g.find((r) => r.action === "outcome");
    expect(outcome?.status).toBe("Executed");
    // The buyer's cost is its registration burn plus the bribes its holders claimed.
    const paid = claims.reduce((s, c) => s + Number(c.detail), 0);
    expect(paid).toBeGreaterThan(0);
    const buyer = anvil.tables.agents.find((a) => a.agent === "validator-0");
    expect(buyer?.strategy).toBe("vote-buyer");
    expect(buyer?.cost).toBeCloseTo(paid + (buyer?.registrationBurn ?? 0), 6);
    // From the epoch after execution, miners get 20 % of each epoch's reward.
    const effective = (outcome?.epoch ?? 99) + 1;
    expect(effective).toBeLessThan(EPOCHS);
    const minerShare = (epoch: number) => {
      const rows = anvil.tables.agentEpochs.filter((r) => r.epoch === epoch);
      const all = rows.reduce((s, r) => s + r.reward, 0);
      return rows.filter((r) => r.role === "miner").reduce((s, r) => s + r.reward, 0) / all;
    };
    expect(minerShare(effective - 1)).toBeCloseTo(0.5, 6);
    for (let e = effective; e < EPOCHS; e++) expect(minerShare(e)).toBeCloseTo(0.2, 6);

    const memory = await run("memory");
    for (const table of RESULT_FILES) {
      expect(withoutGas(memory.runDir, table), table).toEqual(withoutGas(anvil.runDir, table));
    }
    expect(memory.supplyBooks).toEqual(anvil.supplyBooks);
  }, 300_000);
});
