import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../sim/run/toCsv.ts";
import { type RunResult, runScenario } from "../sim/runScenario.ts";

const SCENARIO = join(import.meta.dirname, "..", "scenarios", "governance", "proposers.yaml");
const RESULT_FILES = ["epochs.csv", "agent_epochs.csv", "agents.csv", "transactions.csv", "governance.csv"];
const GAS_COLUMNS = new Set(["gasUsed", "run_id"]);

function withoutGas(runDir: string, file: string): Record<string, string>[] {
  return parseCsv(readFileSync(join(runDir, file), "utf8")).map((row) =>
    Object.fromEntries(Object.entries(row).filter(([column]) => !GAS_COLUMNS.has(column))),
  );
}

async function run(backend: "anvil" | "memory"): Promise<RunResult> {
  const out = await mkdtemp(join(tmpdir(), "crucible-proposers-"));
  return runScenario({
    scenarioPath: SCENARIO,
    epochs: 9,
    outDir: out,
    charts: false,
    overrides: { chain: { backend } },
  });
}

/**
 * scenarios/governance/proposers.yaml: proposer agents propose on their own. miner-0 proposes a larger
 * miners' share and the miners pass it; validator-0 proposes a larger validators' share and the miners
 * vote it down, and it tries again once its first proposal is over. Both protocols write the same
 * result tables (gas apart), governance.csv included.
 */
describe("proposer agents propose the split they expect to profit from", () => {
  it("the miner's proposal passes, the validator's is voted down, on both protocols alike", async () => {
    const memory = await run("memory");
    const g = memory.tables.governance ?? [];
    const proposals = g.filter((r) => r.action === "propose");
    expect(proposals.map((r) => [r.epoch, r.proposal, r.agent, r.detail.split(";")[0]])).toEqual([
      [2, 0, "miner-0", "split 0/0.7/0.3"],
      [2, 1, "validator-0", "split 0/0.3/0.7"],
      [8, 2, "validator-0", "split 0/0.5/0.5"],
    ]);
    expect(
      proposals.every((r) => r.status === "success" && /proposer expects \+[\d.]+\/epoch/.test(r.detail)),
    ).toBe(true);
    const outcome = (n: number) => g.find((r) => r.proposal === n && r.action === "outcome")?.status;
    expect([outcome(0), outcome(1)]).toEqual(["Executed", "Defeated"]);
    // The miners' share of each epoch's reward is 0.7 once the change is in effect (epoch 7).
    const share = (epoch: number) => {
      const rows = memory.tables.agentEpochs.filter((r) => r.epoch === epoch);
      const all = rows.reduce((s, r) => s + r.reward, 0);
      return rows.filter((r) => r.role === "miner").reduce((s, r) => s + r.reward, 0) / all;
    };
    expect(share(6)).toBeCloseTo(0.5, 6);
    expect(share(7)).toBeCloseTo(0.7, 6);

    const anvil = await run("anvil");
    for (const table of RESULT_FILES) {
      expect(withoutGas(memory.runDir, table), table).toEqual(withoutGas(anvil.runDir, table));
    }
  }, 300_000);
});
