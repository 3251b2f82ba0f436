import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../sim/run/toCsv.ts";
import { type RunResult, runScenario } from "../sim/runScenario.ts";

const SCENARIOS = join(import.meta.dirname, "..", "scenarios");
const files = readdirSync(SCENARIOS).filter((f) => f.endsWith(".yaml"));

/** The result tables the two protocols must write identically. */
const RESULT_FILES = ["epochs.csv", "agent_epochs.csv", "agents.csv", "transactions.csv"];
/** Columns only the Anvil protocol fills (the memory protocol has no gas). Block numbers stay in:
 * the memory protocol counts blocks exactly as the Anvil session mines them. */
const GAS_COLUMNS = new Set(["gasUsed", "run_id"]); // and the run's folder name, which differs

/** A result table's rows without the gas columns. */
function withoutGas(runDir: string, file: string): Record<string, string>[] {
  return parseCsv(readFileSync(join(runDir, file), "utf8")).map((row) =>
    Object.fromEntries(Object.entries(row).filter(([column]) => !GAS_COLUMNS.has(column))),
  );
}

async function run(file: string, backend: "anvil" | "memory"): Promise<RunResult> {
  const out = await mkdtemp(join(tmpdir(), "crucible-smoke-"));
  return runScenario({
    scenarioPath: join(SCENARIOS, file),
    epochs: 3,
    outDir: out,
    overrides: { chain: { backend } },
  });
}

/**
 * Every scenario shipped in scenarios/ runs end to end at a reduced size (3 epochs), once on each
 * protocol: the contracts on Anvil and the in-memory protocol, which must write the same result
 * tables (gas apart) and end with the same supply books.
 */
describe("every scenario in scenarios/ runs, on Anvil and in memory alike", () => {
  it("finds the scenarios", () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });
  for (const file of files) {
    it(file, async () => {
      const anvil = await run(file, "anvil");
      const { tables, reportPath } = anvil;
      expect(tables.epochs).toHaveLength(3);
      expect(tables.epochs.some((e) => e.reveals > 0)).toBe(true);
      const paid = tables.epochs.reduce((s, e) => s + e.emission, 0);
      expect(paid).toBeGreaterThan(0);
      expect(reportPath).toMatch(/report\.html$/);

      const memory = await run(file, "memory");
      for (const table of RESULT_FILES) {
        expect(withoutGas(memory.runDir, table), `${file}: ${table}`).toEqual(
          withoutGas(anvil.runDir, table),
        );
      }
      expect(memory.supplyBooks).toEqual(anvil.supplyBooks);
      const manifest = JSON.parse(readFileSync(join(memory.runDir, "manifest.json"), "utf8"));
      expect(manifest.chain).toEqual({ backend: "memory", client: "crucible-memory/1" });
      // Gas: metered on Anvil, empty cells (not 0) in memory.
      const gasCells = (dir: string, table: string) =>
        parseCsv(readFileSync(join(dir, table), "utf8")).map((row) => row.gasUsed);
      for (const table of ["epochs.csv", "transactions.csv"]) {
        expect(gasCells(anvil.runDir, table).every((g) => Number(g) > 0 || g === "0")).toBe(true);
        expect(gasCells(memory.runDir, table).every((g) => g === "")).toBe(true);
      }
      expect(gasCells(anvil.runDir, "epochs.csv").some((g) => Number(g) > 0)).toBe(true);
    });
  }
});
