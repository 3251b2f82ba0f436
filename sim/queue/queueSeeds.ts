import { relative, resolve } from "node:path";
import type { Job } from "bullmq";
import type { RunSeeds, SeedRun } from "../check/runSeeds.ts";
import { openQueue, type QueueAddress } from "./openQueue.ts";
import type { CheckSeedJob } from "./queueJob.ts";
import { sweepJobOptions } from "./queueSweepBackend.ts";
import { type AwaitedJob, waitForJobs } from "./waitForJobs.ts";

export interface QueueSeedsOptions extends QueueAddress {
  /** The shared results folder as the coordinator sees it (`crucible check --out`). */
  results: string;
  attempts?: number;
  pollMs?: number;
  log?: (line: string) => void;
}

let batches = 0;

/**
 * `crucible check --queue`: a check's seeds as jobs for `crucible worker` processes, in place of the
 * local pool (`runSeedsInProcesses`). Each seed's run goes under the shared results folder; its
 * SeedRun (metrics, built-in invariant or error) is the job's return value. Results come back in
 * the order of the specs; a seed whose job finally failed is that seed's error.
 */
export function queueSeeds(options: QueueSeedsOptions): RunSeeds {
  const root = resolve(options.results);
  return async (specs) => {
    const queue = openQueue(options);
    // Ids unique to this batch (process and start time name it; they never feed a result).
    const batch = `check.${process.pid}.${Date.now()}.${batches++}`;
    const runs = new Map<string, SeedRun>();
    try {
      const jobs: AwaitedJob[] = specs.map((spec, i) => ({
        id: `${batch}.${i}`,
        data: {
          kind: "check-seed",
          ...spec,
          scenarioPath: resolve(spec.scenarioPath),
          outDir: relative(root, resolve(spec.outDir)),
        } satisfies CheckSeedJob,
        opts: sweepJobOptions(options.attempts ?? 3),
      }));
      for (const job of jobs) await queue.add(job.data.kind, job.data, { ...job.opts, jobId: job.id });
      await waitForJobs(queue, jobs, {
        pollMs: options.pollMs,
        log: options.log,
        onSettled: async (job: Job, state) => {
          const spec = job.data as CheckSeedJob;
          runs.set(
            job.id as string,
            state === "completed"
              ? (job.returnvalue as SeedRun)
              : {
                  seed: spec.seed,
                  error: `${job.failedReason} (after ${job.attemptsMade} attempts on the queue)`,
                },
          );
        },
      });
      return jobs.map((j) => runs.get(j.id) as SeedRun);
    } finally {
      await queue.close();
    }
  };
}
