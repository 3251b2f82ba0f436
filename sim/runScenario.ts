import { createHash } from "node:crypto";
import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";
import { headlineSummary } from "../reports/computeHeadline.ts";
import { dataDictionaryCsv } from "../reports/dataDictionary.ts";
import { writeReport } from "../reports/writeReport.ts";
import { startAnvilSession } from "./chain/session/startAnvilSession.ts";
import type { ResumePoint } from "./engine/engineSnapshot.ts";
import { type SimulateOptions, simulateRun } from "./engine/simulateRun.ts";
import type { YumaStakeSource } from "./engine/yumaStake.ts";
import { CrucibleError } from "./errors/CrucibleError.ts";
import { own } from "./lifecycle/processLifecycle.ts";
import { type PreparedRun, type PrepareRunOptions, prepareRun } from "./prepareRun.ts";
import { startMemorySession } from "./protocol/memory/startMemorySession.ts";
import type { StartProtocol } from "./protocol/protocolDeployment.ts";
import type { SupplyBooks } from "./protocol/protocolSession.ts";
import { answerDigestsCsv } from "./run/answerDigests.ts";
import { createManifest } from "./run/createManifest.ts";
import { resolvedScenarioYaml } from "./run/resolvedScenarioYaml.ts";
import { createRunFolder, hashContents, type RunFolder } from "./run/runFolder.ts";
import type { RunProgressRecord } from "./run/runProgressFile.ts";
import { createRunRecorder, type RunRecorder } from "./run/runRecorder.ts";
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
  /** A checkpoint every K epochs (`crucible run --checkpoint-every`); "auto" (default): as often as
   * keeps their cost under 5 % of the epochs' time; 0: none. */
  checkpointEvery?: number | "auto";
  /** A subnet of a network run with `dtao.stakeFeedback`: its Yuma stake comes from the network's
   * alpha, and the network hears each epoch's rows as it ends. */
  network?: YumaStakeSource;
}

/** Where a run continues from (`crucible run --resume`, `crucible fork`): its folder, taken back,
 * and the engine's state with the rows before it. */
export interface ContinueFrom {
  folder: RunFolder;
  resume: ResumePoint;
  /** Offsets of the streamed files (already cut to them). */
  offsets: Record<string, number>;
  parent?: RunProgressRecord["parent"];
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
  const { scenario } = prepared;
  for (const warning of prepared.warnings) options.log?.(`warning: ${warning}`);
  const startedAt = new Date();
  const folder = await createRunFolder(options.outDir ?? "runs", scenario.name, scenario.seed, startedAt);
  for (const s of folder.stale) {
    options.log?.(
      `warning: ${s.dir} was left by a run that died${s.pid === undefined ? "" : ` (pid ${s.pid})`}` +
        (s.failedDir === undefined ? "" : `; marked failed as ${s.failedDir}`),
    );
  }
  return runInFolder(prepared, options, folder, startedAt);
}

/** sha256 of a resolved scenario (checkpoints record it; a resume must match it). */
export function scenarioHash(scenario: Scenario): string {
  return createHash("sha256").update(JSON.stringify(scenario)).digest("hex");
}

/**
 * Runs (or continues, with `from`) a validated scenario into `folder`: the tables streamed as each
 * epoch ends, checkpoints, then the whole tables, manifest, summary and report.
 */
export async function runInFolder(
  prepared: PreparedRun,
  options: Omit<RunScenarioOptions, keyof PrepareRunOptions>,
  folder: RunFolder,
  startedAt: Date,
  from?: Omit<ContinueFrom, "folder">,
): Promise<RunResult> {
  const { file, scenario, scenarioYaml, population } = prepared;
  const t0 = performance.now();
  const { network } = options;
  const release = ownRunFolder(folder);
  let recorder: RunRecorder | undefined;
  try {
    const identity = { run_id: basename(folder.finalDir), scenario: scenario.name, seed: scenario.seed };
    // Written first (and again, the same, at the end): a stopped run can be resumed and reported.
    await folder.write("scenario.resolved.json", `${JSON.stringify(scenario, null, 2)}\n`);
    await folder.write("scenario.yaml", scenarioYaml);
    recorder = createRunRecorder(folder.dir, {
      identity,
      answerDigests: scenario.inference.answerDigests,
      scenarioFile: file,
      epochs: scenario.epochs,
      scenarioHash: scenarioHash(scenario),
      backend: scenario.chain.backend,
      checkpointEvery: options.checkpointEvery ?? "auto",
      resumeAt: from === undefined ? undefined : { epoch: from.resume.snapshot.epoch, offsets: from.offsets },
      parent: from?.parent,
      log: options.log,
    });
    const run = await simulateRun(prepared, {
      startProtocol: options.startProtocol ?? PROTOCOL_BACKENDS[scenario.chain.backend],
      backend: options.backend,
      log: options.log,
      progress: options.progress,
      onGenesis: recorder.onGenesis,
      onEpoch: async (end) => {
        await recorder?.onEpoch(end);
        network?.epochDone(end.epoch, end.agentRows);
      },
      resume: from?.resume,
      ...(network === undefined ? {} : { yumaStake: (epoch: number) => network.stakeAt(epoch) }),
    });
    const checkpoints = recorder.finish();
    const { tables } = run;
    options.progress?.({ phase: "report", done: 0, total: 1 });
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
      wallTimeMs: { ...run.setupMs, checkpoints: Math.round(checkpoints.ms), total: runMs },
      counts: {
        validators: population.validators.length,
        miners: population.miners.length,
        epochs: scenario.epochs,
      },
    });
    // A resumed run or a fork says where it continued from (a fork: its parent, epoch and change).
    const record =
      from === undefined
        ? manifest
        : {
            ...manifest,
            continuedFrom: {
              afterEpoch: from.resume.snapshot.epoch,
              ...(from.parent === undefined ? {} : { parent: from.parent }),
            },
          };
    const report = await writeReport(folder.dir, tables, {
      title: `${scenario.name} (seed ${scenario.seed})`,
      scenarioYaml: resolvedScenarioYaml(scenario),
      description: scenario.description,
      manifest: record,
      wallTimeMs: runMs,
      renderImages: options.charts,
    });
    const reportMs = Math.round(performance.now() - t0) - runMs;
    manifest.wallTimeMs = {
      ...run.setupMs,
      checkpoints: Math.round(checkpoints.ms),
      report: reportMs,
      total: runMs + reportMs,
    };
    await folder.write(
      "manifest.json",
      `${JSON.stringify({ ...record, wallTimeMs: manifest.wallTimeMs }, null, 2)}\n`,
    );
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
    recorder?.close();
    const failedDir = await folder.fail(error).catch(() => folder.dir);
    if (error instanceof CrucibleError) throw error;
    throw new CrucibleError(
      "CRUCIBLE_RUN_FAILED",
      `run failed: ${(error as Error).message} (partial results in ${failedDir})`,
      { cause: error },
    );
  } finally {
    release();
  }
}

/**
 * Hands the run folder to the lifecycle owner until the run ends: on a signal, an uncaught error or
 * an exit mid-run it is marked failed (synchronously) with the reason, so it never stays `.partial`.
 */
function ownRunFolder(folder: RunFolder): () => void {
  const markFailed = (reason: string) => {
    try {
      folder.failSync(new CrucibleError("CRUCIBLE_RUN_FAILED", reason));
    } catch {
      // the folder is gone or not writable: the next run's stale sweep reports it
    }
  };
  return own({
    name: `run folder ${folder.dir}`,
    stop: async (reason) => markFailed(reason),
    killNow: markFailed,
  });
}
