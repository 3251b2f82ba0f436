import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import type { PlannedRun } from "./expandSweep.ts";
import { runSets, type SweepPlanFile } from "./planSweep.ts";
import { CLI, runCrucibleProcess } from "./runCrucibleProcess.ts";
import type { RunResult, SweepFolder } from "./sweepFolder.ts";

/** The `crucible run` arguments of one planned run (values written as JSON, which YAML reads back). */
export function runArguments(plan: SweepPlanFile, run: PlannedRun, out: string): string[] {
  const args = [CLI, "run", plan.scenarioPath, "--seed", String(run.seed), "--out", out, "--quiet"];
  if (plan.epochs !== undefined) args.push("--epochs", String(plan.epochs));
  for (const { path, value } of runSets(plan, run)) args.push("--set", `${path}=${JSON.stringify(value)}`);
  return args;
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
  const out = folder.runOut(run.id);
  const child = await runCrucibleProcess(runArguments(plan, run, out).slice(1), out, signal, coresPerRun);
  const base = { id: run.id, index: run.index, seconds: child.seconds };
  const runDir = child.runDir === null ? null : relative(folder.dir, child.runDir);
  if (child.status === "complete") {
    try {
      const metrics = JSON.parse(await readFile(`${child.runDir}/summary.json`, "utf8")) as Record<
        string,
        number | null
      >;
      return { ...base, status: "complete", runDir, error: null, metrics };
    } catch (cause) {
      return {
        ...base,
        status: "failed",
        runDir,
        error: `summary.json: ${(cause as Error).message}`,
        metrics: null,
      };
    }
  }
  return { ...base, status: "failed", runDir, error: child.error, metrics: null };
}
