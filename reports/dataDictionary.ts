import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { COLUMN_DOCS, IDENTITY_DOCS } from "../sim/run/columnDocs.ts";
import { DATA_MARKET_TABLE_FILES, DATA_MARKET_TABLE_KEYS } from "../sim/run/dataMarketTables.ts";
import { RUN_TABLE_FILES } from "../sim/run/runTables.ts";
import { TRANSACTION_COLUMNS } from "../sim/run/runTablesToCsv.ts";
import { toCsv } from "../sim/run/toCsv.ts";
import { annotatedScenarioYaml } from "../sim/scenario/annotatedScenario.ts";
import { HEADLINE_DEFINITIONS } from "./headline/headlineDefinitions.ts";

export const DATA_DICTIONARY_DOC = fileURLToPath(new URL("../docs/data-dictionary.md", import.meta.url));

export interface DictionaryRow {
  /** The table's file stem (`epochs` for epochs.csv and epochs.parquet), or `summary.json`. */
  table: string;
  column: string;
  type: string;
  unit: string;
  /** For summary metrics: which way is better (higher, lower, neither); empty for table columns. */
  better: string;
  meaning: string;
}

const typeName = (t: unknown): string =>
  Array.isArray(t) ? `text (${t.join(" | ")})` : t === "optionalNumber" ? "number (may be empty)" : String(t);

/**
 * Every column of every run table (identity columns first, as written) and every summary.json
 * metric, with type, unit and meaning: generated from the one column list the writers use.
 */
export function dataDictionaryRows(): DictionaryRow[] {
  const rows: DictionaryRow[] = [];
  const identity = (table: string) =>
    Object.entries(IDENTITY_DOCS).map(([column, doc]) => ({
      table,
      column,
      type: column === "seed" ? "int" : "text",
      better: "",
      ...doc,
    }));
  const tables: [string, Record<string, unknown>, Record<string, { unit: string; meaning: string }>][] = [
    ["epochs", RUN_TABLE_FILES.epochs.columns, COLUMN_DOCS.epochs],
    ["agent_epochs", RUN_TABLE_FILES.agentEpochs.columns, COLUMN_DOCS.agentEpochs],
    ["agents", RUN_TABLE_FILES.agents.columns, COLUMN_DOCS.agents],
    [
      "transactions",
      Object.fromEntries(
        TRANSACTION_COLUMNS.map((c) => [
          c,
          c === "epoch" ? "int" : c === "gasUsed" ? "optionalNumber" : "text",
        ]),
      ),
      COLUMN_DOCS.transactions,
    ],
    ["timings", RUN_TABLE_FILES.timings.columns, COLUMN_DOCS.timings],
    // Only in runs that declare operators / have adaptive agents.
    ["operators", RUN_TABLE_FILES.operators.columns, COLUMN_DOCS.operators],
    ["choices", RUN_TABLE_FILES.choices.columns, COLUMN_DOCS.choices],
    // Only in runs with a data market.
    ...DATA_MARKET_TABLE_KEYS.map(
      (key): [string, Record<string, unknown>, Record<string, { unit: string; meaning: string }>] => [
        DATA_MARKET_TABLE_FILES[key].file.replace(/\.csv$/, ""),
        DATA_MARKET_TABLE_FILES[key].columns,
        DATA_MARKET_TABLE_FILES[key].docs,
      ],
    ),
    // Only in runs with a governance: section.
    ["governance", RUN_TABLE_FILES.governance.columns, COLUMN_DOCS.governance],
    // Only in runs with a delegation: section.
    ["stake_moves", RUN_TABLE_FILES.stakeMoves.columns, COLUMN_DOCS.stakeMoves],
    ["delegators", RUN_TABLE_FILES.delegators.columns, COLUMN_DOCS.delegators],
    // Only in runs with a participation: section.
    ["participation", RUN_TABLE_FILES.participation.columns, COLUMN_DOCS.participation],
  ];
  for (const [table, columns, docs] of tables) {
    rows.push(...identity(table));
    for (const [column, type] of Object.entries(columns)) {
      rows.push({ table, column, type: typeName(type), better: "", ...docs[column] });
    }
  }
  for (const m of HEADLINE_DEFINITIONS) {
    rows.push({
      table: "summary.json",
      column: m.key,
      type: "number (null when undefined)",
      unit: m.unit,
      better: m.better,
      meaning: `${m.label}: ${m.hint}`,
    });
  }
  return rows;
}

export const DICTIONARY_COLUMNS = ["table", "column", "type", "unit", "better", "meaning"] as const;

export function dataDictionaryCsv(): string {
  return toCsv(dataDictionaryRows(), DICTIONARY_COLUMNS);
}

/** docs/data-dictionary.md: the same rows as a Markdown page. */
export function dataDictionaryMarkdown(): string {
  const cell = (s: string) => s.replaceAll("|", "\\|");
  const lines = [
    "# Data dictionary",
    "",
    "Every column of a run folder's tables (`<table>.csv` and `<table>.parquet`, identity columns first) and",
    "every metric of `summary.json`. Generated from the column list the writers use",
    "(`npm run build:docs`; `npm test` fails when this page is stale); each run folder holds the same",
    "rows as `data_dictionary.csv`.",
    "",
    "| table | column | type | unit | better | meaning |",
    "| --- | --- | --- | --- | --- | --- |",
    ...dataDictionaryRows().map((r) => `| ${DICTIONARY_COLUMNS.map((c) => cell(r[c])).join(" | ")} |`),
    "",
  ];
  return lines.join("\n");
}

export const SCENARIO_REFERENCE_DOC = fileURLToPath(
  new URL("../docs/scenario-reference.md", import.meta.url),
);

/** docs/scenario-reference.md: every scenario field at its default, explained (what `crucible init` writes). */
export function scenarioReferenceMarkdown(): string {
  return [
    "# Scenario reference",
    "",
    "Every field of a scenario file at its default, each with its meaning: the file `crucible init` writes,",
    "generated from the zod schema (`sim/scenario/scenarioSchema.ts`) by `npm run build:docs`; `npm test`",
    "fails when this page is stale. Editors check scenario files against `scenarios/scenario.schema.json`.",
    "Attack strategies and their `params` are described in `agents/` and `scenarios/attacks/README.md`.",
    "",
    "```yaml",
    annotatedScenarioYaml().trimEnd(),
    "```",
    "",
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(DATA_DICTIONARY_DOC, dataDictionaryMarkdown());
  await writeFile(SCENARIO_REFERENCE_DOC, scenarioReferenceMarkdown());
  console.log(`wrote ${DATA_DICTIONARY_DOC} and ${SCENARIO_REFERENCE_DOC}`);
}
