import { readFile } from "node:fs/promises";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { defaultWorkers } from "./defaultWorkers.ts";
import type { PlannedRun } from "./expandSweep.ts";
import { localPool, type SweepBackend } from "./localPool.ts";
import { planSweep, type SweepPlanFile } from "./planSweep.ts";
import { type RunResult, SweepFolder } from "./sweepFolder.ts";
import { writeSweepOutputs } from "./writeSweepOutputs.ts";

export interface SweepProgress {
  done: number;
  total: number;
  failed: number;
  /** The run that just finished (undefined for the first call, before any run). */
  last?: RunResult;
}

export interface RunSweepOptions {
  /** Folder that receives the sweep folder (default `runs`). */
  outDir?: string;
  /** Runs at once (default: from the cores and free memory, `defaultWorkers`). */
  workers?: number;
  /** What runs the runs (default: the local pool of `workers`; `queueSweepBackend` for a job queue). */
  backend?: SweepBackend;
  /** Called once before the first run (with the runs already done) and after each run. */
  onProgress?: (progress: SweepProgress) => void;
  /** Stops starting runs and cancels those running (their results are not written); on a queue,
   * stops waiting (the jobs stay queued for a resume). */
  signal?: AbortSignal;
}

export interface SweepResult {
  dir: string;
  plan: SweepPlanFile;
  results: RunResult[];
  failed: number;
  tablePath: string;
  parquetPath: string;
  htmlPath: string;
}

/** Runs a sweep file from the start: checks every point, creates the sweep folder, runs the pool. */
export async function runSweep(sweepFile: string, options: RunSweepOptions = {}): Promise<SweepResult> {
  const backend = backendOf(options); // a bad --workers fails before anything is written
  const plan = await planSweep(sweepFile);
  const folder = await SweepFolder.create(options.outDir ?? "runs", plan, await readFile(sweepFile, "utf8"));
  return runPool(folder, plan, { ...options, backend });
}

/** Resumes an interrupted sweep: runs whose result is missing or failed run again, the rest are kept. */
export async function resumeSweep(
  dir: string,
  options: Omit<RunSweepOptions, "outDir"> = {},
): Promise<SweepResult> {
  const backend = backendOf(options);
  const { folder, plan } = await SweepFolder.open(dir);
  return runPool(folder, plan, { ...options, backend });
}

function backendOf(options: RunSweepOptions): SweepBackend {
  return options.backend ?? localPool(options.workers ?? defaultWorkers());
}

async function runPool(
  folder: SweepFolder,
  plan: SweepPlanFile,
  options: RunSweepOptions,
): Promise<SweepResult> {
  const backend = backendOf(options);
  const results = await folder.readResults();
  const todo: PlannedRun[] = plan.runs.filter((r) => results.get(r.id)?.status !== "complete");
  for (const r of todo) results.delete(r.id);
  const countFailed = () => [...results.values()].filter((r) => r.status === "failed").length;
  options.onProgress?.({ done: results.size, total: plan.runs.length, failed: countFailed() });
  const planned = new Set(todo.map((r) => r.id));
  await backend({
    plan,
    folder,
    todo,
    signal: options.signal,
    onResult: async (result) => {
      // Keyed by run id: a result for a run not asked for, or one already counted, is not counted again.
      if (!planned.delete(result.id)) return;
      await folder.writeResult(result);
      results.set(result.id, result);
      options.onProgress?.({
        done: results.size,
        total: plan.runs.length,
        failed: countFailed(),
        last: result,
      });
    },
  });
  if (options.signal?.aborted || planned.size > 0)
    throw new CrucibleError(
      "CRUCIBLE_RUN_FAILED",
      `sweep interrupted; resume with: crucible sweep --resume ${folder.dir}`,
    );
  const ordered = plan.runs.map((r) => results.get(r.id) as RunResult);
  const outputs = await writeSweepOutputs(folder, plan, ordered);
  await folder.markComplete();
  const rebase = (p: string) => p.replace(outputs.dir, folder.dir);
  return {
    dir: folder.dir,
    plan,
    results: ordered,
    failed: countFailed(),
    tablePath: rebase(outputs.tablePath),
    parquetPath: rebase(outputs.parquetPath),
    htmlPath: rebase(outputs.htmlPath),
  };
}
