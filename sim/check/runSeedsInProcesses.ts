import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import PQueue from "p-queue";
import { RUNNING_COMPILED, siblingModule } from "../package/packageRoot.ts";
import type { RunSeeds, SeedRun, SeedRunSpec } from "./runSeeds.ts";

const CHILD = fileURLToPath(siblingModule("./runSeedChild.ts", import.meta.url));
/** Compiled, the child is plain JavaScript; from the sources it needs tsx. */
const EXEC_ARGV = RUNNING_COMPILED ? [] : ["--import", import.meta.resolve("tsx")];

/**
 * The sweep's pool for a check's seeds: at most `workers` seeds at a time, each in its own process
 * (its own protocol, its own memory), as `crucible sweep` runs its points. Results come back in the
 * order of the specs; a process that dies is that seed's error, not the check's.
 */
export function runSeedsInProcesses(workers: number): RunSeeds {
  return async (specs) => {
    const queue = new PQueue({ concurrency: Math.max(1, workers) });
    return Promise.all(specs.map((spec) => queue.add(() => runInChild(spec))));
  };
}

/** One seed in its own process (also what a queue worker runs for a check's job). */
export function runInChild(spec: SeedRunSpec): Promise<SeedRun> {
  return new Promise((resolve) => {
    const child = fork(CHILD, [], {
      execArgv: EXEC_ARGV,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      env: { ...process.env, CRUCIBLE_PARENT_PID: String(process.pid) },
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    let result: SeedRun | null = null;
    child.once("message", (run) => {
      result = run as SeedRun;
    });
    child.once("exit", (code, signal) => {
      resolve(
        result ?? {
          seed: spec.seed,
          error: `the seed's process ended (${signal ?? `exit ${code}`}) without a result${stderr ? `: ${stderr.trim()}` : ""}`,
        },
      );
    });
    child.send(spec);
  });
}
