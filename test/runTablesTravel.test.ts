import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DATA_DICTIONARY_DOC,
  dataDictionaryMarkdown,
  dataDictionaryRows,
  SCENARIO_REFERENCE_DOC,
  scenarioReferenceMarkdown,
} from "../reports/dataDictionary.ts";
import { parseCsv } from "../sim/run/toCsv.ts";
import { type RunResult, runScenario } from "../sim/runScenario.ts";

const ROOT = join(import.meta.dirname, "..");
const TABLES = ["epochs", "agent_epochs", "agents", "transactions", "timings"];

describe("tables that travel: identity columns, Parquet beside CSV, a data dictionary", () => {
  let run: RunResult;
  beforeAll(async () => {
    run = await runScenario({
      scenarioPath: join(ROOT, "scenarios", "copycat-miners.yaml"),
      epochs: 2,
      outDir: await mkdtemp(join(tmpdir(), "crucible-travel-")),
      overrides: { chain: { backend: "memory" } },
    });
  });

  it("every table leads with run_id, scenario and seed, so tables of many runs concatenate", () => {
    for (const table of TABLES) {
      const rows = parseCsv(readFileSync(join(run.runDir, `${table}.csv`), "utf8"));
      expect(rows.length, table).toBeGreaterThan(0);
      expect(Object.keys(rows[0]).slice(0, 3)).toEqual(["run_id", "scenario", "seed"]);
      for (const row of rows) {
        expect(row).toMatchObject({ run_id: basename(run.runDir), scenario: "copycat-miners", seed: "42" });
      }
    }
  });

  it("writes each table as Parquet too, with the same columns and values, typed", async () => {
    for (const table of TABLES) {
      const csv = parseCsv(readFileSync(join(run.runDir, `${table}.csv`), "utf8"));
      const bytes = readFileSync(join(run.runDir, `${table}.parquet`));
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const parquet = await parquetReadObjects({ file });
      expect(parquet.length, table).toBe(csv.length);
      expect(Object.keys(parquet[0])).toEqual(Object.keys(csv[0]));
      // The same cell as the CSV writes it: numbers in shortest round-trip form, null as empty.
      const asCsvCell = (v: unknown) => (v === null || v === undefined ? "" : String(v));
      for (let i = 0; i < csv.length; i++) {
        for (const [column, value] of Object.entries(parquet[i])) {
          expect(asCsvCell(value), `${table} row ${i} ${column}`).toBe(csv[i][column]);
        }
      }
      expect(typeof parquet[0].seed).toBe("bigint");
      if (table !== "agents") expect(typeof parquet[0].epoch).toBe("bigint");
    }
  });

  it("documents every column of every table and every summary.json metric, in the run folder and in docs/", () => {
    const dictionary = parseCsv(readFileSync(join(run.runDir, "data_dictionary.csv"), "utf8"));
    for (const table of TABLES) {
      const header = readFileSync(join(run.runDir, `${table}.csv`), "utf8")
        .split("\n", 1)[0]
        .split(",");
      expect(dictionary.filter((r) => r.table === table).map((r) => r.column)).toEqual(header);
    }
    const summary = JSON.parse(readFileSync(join(run.runDir, "summary.json"), "utf8"));
    const metrics = dictionary.filter((r) => r.table === "summary.json");
    expect(metrics.map((r) => r.column)).toEqual(Object.keys(summary));
    for (const m of metrics) {
      expect(m.unit, m.column).not.toBe("");
      expect(["higher", "lower", "neither"]).toContain(m.better);
    }
    for (const r of dictionary) expect(r.meaning, `${r.table}.${r.column}`).not.toBe("");
    expect(dataDictionaryRows().length).toBe(dictionary.length);
    // docs/data-dictionary.md is generated (npm run build:docs) and must not be stale
    expect(readFileSync(DATA_DICTIONARY_DOC, "utf8")).toBe(dataDictionaryMarkdown());
    // and so is the scenario reference (what crucible init writes)
    expect(readFileSync(SCENARIO_REFERENCE_DOC, "utf8")).toBe(scenarioReferenceMarkdown());
  });
});
