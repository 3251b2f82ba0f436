import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";
import { headlineSummary } from "../reports/computeHeadline.ts";
import { dataDictionaryCsv } from "../reports/dataDictionary.ts";
import { writeReport } from "../reports/writeReport.ts";
import { startAnvilSession } from "./chain/session/startAnvilSession.ts";
import { type SimulateOptions, simulateRun } from "./engine/simulateRun.ts";
import { CrucibleError } from "./errors/CrucibleError.ts";
import { type PreparedRun, type PrepareRunOptions, prepareRun } from "./prepareRun.ts";
import { startMemorySession } from "./protocol/memory/startMemorySession.ts";
import type { StartProtocol } from "./protocol/protocolDeployment.ts";
import type { SupplyBooks } from "./protocol/protocolSession.ts";
import { answerDigestsCsv } from "./run/answerDigests.ts";
import { createManifest } from "./run/createManifest.ts";
import { resolvedScenarioYaml } from "./run/resolvedScenarioYaml.ts";
import { createRunFolder, hashContents, type RunFolder } from "./run/runFolder.ts";
import type { RunTables } from "./run/runTables.ts";
import { runTablesToCsv } from "./run/runTablesToCsv.ts";
import { runTablesToParquet } from "./run/runTablesToParquet.ts";
import type { Scenario } from "./scenario/scenarioSchema.ts";

export type { PreparedRun, PrepareRunOptions } from "./prepareRun.ts";

/** What to run (`PrepareRunOptions`: the scenario file, seed, epochs, overrides such as
 * `{ mechanism: { name: "yuma-no-bonds" } }`) and how. */
export interface RunScenarioOptions extends PrepareRunOptions {
  /** Folder that receives the run folder (default `runs`). */
  outDir?: string;
  backend?: Scenario["inference"]["backend"];
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Where the run stands after each phase and epoch (default: none). */
  progress?: SimulateOptions["progress"];
  /** Render the report's charts to SVG and PNG files (default true; `crucible run --no-charts`). */
  charts?: boolean;
  /** Starts the protocol instead of `chain.backend`'s implementation: a seam for tests that wrap a
   * session (e.g. to plant a protocol bug the built-in invariants must catch). */
  startProtocol?: StartProtocol;
}

export interface RunResult {
  runDir: string;
  reportPath: string;
  resultsHash: string;
  tables: RunTables;
  /** Where every token was at the end of the run (wei): balances + stake + escrow = supply. */
  supplyBooks: SupplyBooks;
}

/** The protocol implementations a scenario can choose (`chain.backend`). */
export const PROTOCOL_BACKENDS: Record<Scenario["chain"]["backend"], StartProtocol> = {
  anvil: startAnvilSession,
  memory: startMemorySession,
};

/**
 * Runs a scenario end to end: validate → engine (population and models, protocol, epochs) → run
 * folder with tables, manifest, summary and report. The CLI's `crucible run` calls exactly this.
 */
export async function runScenario(options: RunScenarioOptions): Promise<RunResult> {
  return executeRun(await prepareRun(options), options);
}

/** Runs a scenario that `prepareRun` has already validated. */
export async function executeRun(
  prepared: PreparedRun,
  options: Omit<RunScenarioOptions, keyof PrepareRunOptions> = {},
): Promise<RunResult> {
  const { file, scenario, scenarioYaml, population } = prepared;
  for (const warning of prepared.warnings) options.log?.(`warning: ${warning}`);
  const startedAt = new Date();
  const t0 = performance.now();
  const folder = await createRunFolder(options.outDir ?? "runs", scenario.name, scenario.seed, startedAt);
  const stopMarking = markFailedOnSignal(folder);
  try {
    const run = await simulateRun(prepared, {
      startProtocol: options.startProtocol ?? PROTOCOL_BACKENDS[scenario.chain.backend],
      backend: options.backend,
      log: options.log,
      progress: options.progress,
    });
    const { tables } = run;
    options.progress?.({ phase: "report", done: 0, total: 1 });
    const identity = { run_id: basename(folder.finalDir), scenario: scenario.name, seed: scenario.seed };
    const csv = runTablesToCsv(tables, run.outcomes, identity);
    const resultsHash = hashContents(csv.results);
    for (const [name, text] of [...csv.written, csv.timings]) await folder.write(name, text);
    for (const [name, bytes] of runTablesToParquet(tables, run.outcomes, identity))
      await folder.write(name, bytes);
    await folder.write("data_dictionary.csv", dataDictionaryCsv());
    if (run.digests !== null) await folder.write("answers.csv", answerDigestsCsv(run.digests));
    await folder.write("scenario.resolved.json", `${JSON.stringify(scenario, null, 2)}\n`);
    await folder.write("scenario.yaml", scenarioYaml);
    // Throughput is per second of the run before the report; the manifest keeps both parts so that
    // `crucible report` recomputes the same rates (total − report).
    const runMs = Math.round(performance.now() - t0);
    const manifest = createManifest({
      scenarioFile: file,
      scenarioName: scenario.name,
      seed: scenario.seed,
      startedAt,
      endedAt: new Date(),
      inference: run.inference,
      protocol: run.protocol,
      mechanism: scenario.mechanism,
      warnings: prepared.warnings,
      scenarioText: scenarioYaml,
      resolvedScenario: scenario,
      resultsHash,
      status: "complete",
      wallTimeMs: { ...run.setupMs, total: runMs },
      counts: {
        validators: population.validators.length,
        miners: population.miners.length,
        epochs: scenario.epochs,
      },
    });
    const report = await writeReport(folder.dir, tables, {
      title: `${scenario.name} (seed ${scenario.seed})`,
      scenarioYaml: resolvedScenarioYaml(scenario),
      description: scenario.description,
      manifest,
      wallTimeMs: runMs,
      renderImages: options.charts,
    });
    const reportMs = Math.round(performance.now() - t0) - runMs;
    manifest.wallTimeMs = { ...run.setupMs, report: reportMs, total: runMs + reportMs };
    await folder.write("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
    await folder.write("summary.json", `${JSON.stringify(headlineSummary(report.headline), null, 2)}\n`);
    const runDir = await folder.complete();
    return {
      runDir,
      reportPath: join(runDir, "report.html"),
      resultsHash,
      tables,
      supplyBooks: run.supplyBooks,
    };
  } catch (error) {
    const failedDir = await folder.fail(error).catch(() => folder.dir);
    if (error instanceof CrucibleError) throw error;
    throw new CrucibleError(
      "CRUCIBLE_RUN_FAILED",
      `run failed: ${(error as Error).message} (partial results in ${failedDir})`,
      { cause: error },
    );
  } finally {
    stopMarking();
  }
}

/**
 * On Ctrl-C or SIGTERM, marks the run folder failed (synchronously, before the process dies) and lets
 * the signal take its course: the chain's own handler stops Anvil and re-raises it.
 */
function markFailedOnSignal(folder: RunFolder): () => void {
  const signals = ["SIGINT", "SIGTERM"] as const;
  const handler = (signal: NodeJS.Signals) => {
    stop();
    folder.failSync(new CrucibleError("CRUCIBLE_RUN_FAILED", `interrupted by ${signal}`));
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const stop = () => {
    for (const s of signals) process.off(s, handler);
  };
  for (const s of signals) process.on(s, handler);
  return stop;
}
