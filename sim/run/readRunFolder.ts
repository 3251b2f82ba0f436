import { existsSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { DATA_MARKET_TABLE_FILES, DATA_MARKET_TABLE_KEYS } from "./dataMarketTables.ts";
import { parseRunTable } from "./parseRunTable.ts";
import { readStreamedText } from "./readStreamedTables.ts";
import { resolvedScenarioYaml } from "./resolvedScenarioYaml.ts";
import { readRunProgress } from "./runProgressFile.ts";
import { RUN_TABLE_FILES, type RunTables, type TableColumns } from "./runTables.ts";

/** What reports need of a run's manifest.json; every field is optional when read back. */
export interface RunManifest {
  status?: string;
  scenario?: { name?: string; file?: string };
  seed?: number;
  wallTimeMs?: Record<string, number>;
  [key: string]: unknown;
}

export interface RunFolderContents {
  dir: string;
  tables: RunTables;
  manifest: RunManifest;
  scenarioYaml: string;
  /** "<scenario> (seed <seed>)", the run report's title. */
  title: string;
  /** The scenario's description (its question), where the run recorded the resolved scenario. */
  description?: string;
  /**
   * The run's wall time before its report was written (manifest total − report), which the run's
   * own report measured its rates against; undefined when the manifest does not say.
   */
  wallTimeMs?: number;
  /** A run that stopped before its last epoch (no manifest.json; progress.json says how far it got). */
  partial?: { epochsDone: number; epochs: number; reason?: string };
}

const fail = (message: string): never => {
  throw new CrucibleError("CRUCIBLE_REPORT_FAILED", message);
};

async function readText(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  if (!existsSync(path))
    fail(
      `${path}: missing; a run folder holds epochs.csv, agent_epochs.csv, agents.csv, timings.csv, manifest.json and scenario.yaml`,
    );
  return readFile(path, "utf8");
}

function parseManifest(path: string, text: string): RunManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    fail(`${path}: expected a JSON object`);
  return value as RunManifest;
}

/** The first line of a stopped run's error.txt (undefined without one). */
function stopReason(dir: string): string | undefined {
  const path = join(dir, "error.txt");
  if (!existsSync(path)) return undefined;
  const first = readFileSync(path, "utf8").split("\n", 1)[0].trim();
  return first === "" ? undefined : first;
}

function wallTimeBeforeReport(manifest: RunManifest): number | undefined {
  const total = manifest.wallTimeMs?.total;
  if (typeof total !== "number" || !Number.isFinite(total)) return undefined;
  const report = manifest.wallTimeMs?.report;
  return typeof report === "number" && Number.isFinite(report) ? total - report : total;
}

/**
 * Reads a run folder written by `crucible run` back into typed run tables, its manifest and its
 * scenario text. A missing folder, file or column, or a malformed cell, throws a CrucibleError
 * (CRUCIBLE_REPORT_FAILED) naming the file.
 */
export async function readRunFolder(dir: string): Promise<RunFolderContents> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`${dir}: run folder not found`);
  // A stopped run: no manifest, and its streamed tables are read up to the epochs progress.json
  // says finished (a row cut off by a kill is left out).
  const progress = existsSync(join(dir, "manifest.json")) ? undefined : readRunProgress(dir);
  const table = async <Row>(name: string, columns: TableColumns<Row>) =>
    parseRunTable(
      join(dir, name),
      progress === undefined
        ? await readText(dir, name)
        : readStreamedText(join(dir, name), progress.offsets[name]),
      columns,
    );
  const f = RUN_TABLE_FILES;
  const tables: RunTables = {
    epochs: await table(f.epochs.file, f.epochs.columns),
    agentEpochs: await table(f.agentEpochs.file, f.agentEpochs.columns),
    agents: progress === undefined ? await table(f.agents.file, f.agents.columns) : [],
    timings: await table(f.timings.file, f.timings.columns),
  };
  if (existsSync(join(dir, f.operators.file)))
    tables.operators = await table(f.operators.file, f.operators.columns);
  if (existsSync(join(dir, f.choices.file))) tables.choices = await table(f.choices.file, f.choices.columns);
  for (const key of DATA_MARKET_TABLE_KEYS) {
    const t = DATA_MARKET_TABLE_FILES[key];
    if (existsSync(join(dir, t.file)))
      Object.assign(tables, { [key]: await table(t.file, t.columns as never) });
  }
  if (existsSync(join(dir, f.governance.file)))
    tables.governance = await table(f.governance.file, f.governance.columns);
  if (existsSync(join(dir, f.stakeMoves.file)))
    tables.stakeMoves = await table(f.stakeMoves.file, f.stakeMoves.columns);
  if (existsSync(join(dir, f.delegators.file)))
    tables.delegators = await table(f.delegators.file, f.delegators.columns);
  if (existsSync(join(dir, f.participation.file)))
    tables.participation = await table(f.participation.file, f.participation.columns);
  const manifest =
    progress === undefined
      ? parseManifest(join(dir, "manifest.json"), await readText(dir, "manifest.json"))
      : {
          status: "partial",
          scenario: { name: progress.scenario, file: progress.scenarioFile },
          seed: progress.seed,
          progress: {
            epochsDone: progress.epochsDone,
            epochs: progress.epochs,
            lastCheckpoint: progress.lastCheckpoint,
          },
        };
  // The report shows the resolved scenario where the run recorded it (older runs: the file as written).
  const resolved = join(dir, "scenario.resolved.json");
  const resolvedScenario = existsSync(resolved)
    ? (JSON.parse(await readText(dir, "scenario.resolved.json")) as { description?: unknown })
    : undefined;
  const scenarioYaml =
    resolvedScenario === undefined
      ? await readText(dir, "scenario.yaml")
      : resolvedScenarioYaml(resolvedScenario);
  const description =
    typeof resolvedScenario?.description === "string" ? resolvedScenario.description : undefined;
  const name = manifest.scenario?.name ?? "run";
  const title = manifest.seed === undefined ? name : `${name} (seed ${manifest.seed})`;
  return {
    dir,
    tables,
    manifest,
    scenarioYaml,
    title,
    description,
    wallTimeMs: wallTimeBeforeReport(manifest),
    ...(progress === undefined
      ? {}
      : { partial: { epochsDone: progress.epochsDone, epochs: progress.epochs, reason: stopReason(dir) } }),
  };
}
