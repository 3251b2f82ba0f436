import { availableParallelism } from "node:os";
import PQueue from "p-queue";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { PlannedRun } from "./expandSweep.ts";
import type { SweepPlanFile } from "./planSweep.ts";
import { runOneInProcess } from "./runOneInProcess.ts";
import type { RunResult, SweepFolder } from "./sweepFolder.ts";

/** The runs a sweep still needs, handed to whatever runs them: this machine's pool or a job queue. */
export interface SweepWork {
  plan: SweepPlanFile;
  folder: SweepFolder;
  todo: PlannedRun[];
  signal?: AbortSignal;
  /** Records one finished run (complete or failed): the sweep writes it and counts it once. */
  onResult: (result: RunResult) => Promise<void>;
}

/** Runs a sweep's remaining runs and returns when each has a result (or the signal aborted). */
export type SweepBackend = (work: SweepWork) => Promise<void>;

/** The local pool: at most `workers` runs at once on this machine, each its own `crucible run` process. */
export function localPool(workers: number): SweepBackend {
  if (!Number.isInteger(workers) || workers < 1)
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `--workers: expected a whole number ≥ 1, got ${workers}`,
    );
  const coresPerRun = Math.max(1, Math.floor(availableParallelism() / workers));
  return async ({ plan, folder, todo, signal, onResult }) => {
    const queue = new PQueue({ concurrency: workers });
    for (const run of todo) {
      queue.add(async () => {
        if (signal?.aborted) return;
        const result = await runOneInProcess(plan, run, folder, signal, coresPerRun);
        if (signal?.aborted) return;
        await onResult(result);
      });
    }
    await queue.onIdle();
  };
}
