import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { execa } from "execa";
import { packageRoot } from "../package/packageRoot.ts";
import type { PlannedRun } from "./expandSweep.ts";
import { runSets, type SweepPlanFile } from "./planSweep.ts";
import type { RunResult, SweepFolder } from "./sweepFolder.ts";

const CLI = join(packageRoot(), "bin", "crucible.mjs");
const ERROR_TAIL_CHARS = 2000;

/** The `crucible run` arguments of one planned run (values written as JSON, which YAML reads back). */
export function runArguments(plan: SweepPlanFile, run: PlannedRun, out: string): string[] {
  const args = [CLI, "run", plan.scenarioPath, "--seed", String(run.seed), "--out", out, "--quiet"];
  if (plan.epochs !== undefined) args.push("--epochs", String(plan.epochs));
  for (const { path, value } of runSets(plan, run)) args.push("--set", `${path}=${JSON.stringify(value)}`);
  return args;
}

/** The folder a failed run left (`<name>.failed`, with its error.txt), relative to the sweep folder. */
async function failedRunDir(folder: SweepFolder, id: string): Promise<string | null> {
  const names = await readdir(folder.runOut(id)).catch(() => [] as string[]);
  const failed = names.find((n) => n.endsWith(".failed"));
  return failed === undefined ? null : relative(folder.dir, join(folder.runOut(id), failed));
}

/**
 * Runs one planned run as its own `crucible run` process (its own protocol, its own memory), and
 * returns its result: the summary's metrics when it completed, the tail of its stderr when not.
 * A failed run is a result, not an exception.
 */
export async function runOneInProcess(
  plan: SweepPlanFile,
  run: PlannedRun,
  folder: SweepFolder,
  signal?: AbortSignal,
  /** The cores this run may use (its share of the machine: cores ÷ runs at once). */
  coresPerRun = 1,
): Promise<RunResult> {
  await folder.resetRun(run.id);
  const t0 = performance.now();
  const child = await execa(process.execPath, runArguments(plan, run, folder.runOut(run.id)), {
    reject: false,
    all: false,
    cancelSignal: signal,
    env: { CRUCIBLE_PARENT_PID: String(process.pid), CRUCIBLE_CORES: String(coresPerRun) },
  });
  const seconds = Math.round(performance.now() - t0) / 1000;
  const base = { id: run.id, index: run.index, seconds };
  const reportPath = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.exitCode === 0 && reportPath.endsWith("report.html")) {
    const runDir = dirname(reportPath);
    try {
      const metrics = JSON.parse(await readFile(`${runDir}/summary.json`, "utf8")) as Record<
        string,
        number | null
      >;
      return { ...base, status: "complete", runDir: relative(folder.dir, runDir), error: null, metrics };
    } catch (cause) {
      return {
        ...base,
        status: "failed",
        runDir: relative(folder.dir, runDir),
        error: `summary.json: ${(cause as Error).message}`,
        metrics: null,
      };
    }
  }
  const why = child.signal ? `killed by ${child.signal}` : `exit code ${child.exitCode}`;
  const stderr = child.stderr.trim();
  return {
    ...base,
    status: "failed",
    runDir: await failedRunDir(folder, run.id),
    error: `${why}${stderr === "" ? "" : `: ${stderr.slice(-ERROR_TAIL_CHARS)}`}`,
    metrics: null,
  };
}
