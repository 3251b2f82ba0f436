import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { execa } from "execa";
import { packageRoot } from "../package/packageRoot.ts";

export const CLI = join(packageRoot(), "bin", "crucible.mjs");
const ERROR_TAIL_CHARS = 2000;

/** What one `crucible run` process left: its run folder (absolute) or why it failed. */
export interface ProcessRun {
  status: "complete" | "failed";
  /** The run folder, or the `.failed` folder a failed run left (null when it wrote none). */
  runDir: string | null;
  error: string | null;
  seconds: number;
}

/** The folder a failed run left in `out` (`<name>.failed`, with its error.txt). */
async function failedRunDir(out: string): Promise<string | null> {
  const names = await readdir(out).catch(() => [] as string[]);
  const failed = names.find((n) => n.endsWith(".failed"));
  return failed === undefined ? null : join(out, failed);
}

/**
 * Runs `crucible run <args>` as its own process (its own protocol, its own memory), told its share
 * of the cores and its parent's pid; `out` is the `--out` folder the arguments name. A failed run is
 * a result, not an exception. The pool of `crucible sweep` and of `crucible attack-search`.
 */
export async function runCrucibleProcess(
  args: readonly string[],
  out: string,
  signal?: AbortSignal,
  coresPerRun = 1,
): Promise<ProcessRun> {
  const t0 = performance.now();
  const child = await execa(process.execPath, [CLI, ...args], {
    reject: false,
    all: false,
    cancelSignal: signal,
    env: { CRUCIBLE_PARENT_PID: String(process.pid), CRUCIBLE_CORES: String(coresPerRun) },
  });
  const seconds = Math.round(performance.now() - t0) / 1000;
  const reportPath = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.exitCode === 0 && reportPath.endsWith("report.html"))
    return { status: "complete", runDir: dirname(reportPath), error: null, seconds };
  const why = child.signal ? `killed by ${child.signal}` : `exit code ${child.exitCode}`;
  const stderr = child.stderr.trim();
  return {
    status: "failed",
    runDir: await failedRunDir(out),
    error: `${why}${stderr === "" ? "" : `: ${stderr.slice(-ERROR_TAIL_CHARS)}`}`,
    seconds,
  };
}
