import { basename } from "node:path";
import type { Job, JobsOptions } from "bullmq";
import type { SweepBackend } from "../sweep/localPool.ts";
import type { RunResult } from "../sweep/sweepFolder.ts";
import { openQueue, type QueueAddress } from "./openQueue.ts";
import { type SweepRunJob, sweepJobId } from "./queueJob.ts";
import type { ResultsStore } from "./resultsStore.ts";
import { type AwaitedJob, waitForJobs } from "./waitForJobs.ts";

export interface QueueSweepOptions extends QueueAddress {
  /** Tries per run before it is recorded as failed (default 3). */
  attempts?: number;
  /** A bucket the workers upload to (the plan goes there first); none: the sweep folder is shared. */
  store?: ResultsStore;
  pollMs?: number;
  log?: (line: string) => void;
}

/** How long Redis keeps a settled job (and its result) for a coordinator that restarts: a week. */
const KEEP_SECONDS = 7 * 24 * 3600;

/** The job options of every sweep run: bounded retries, and settled jobs kept for a restart. */
export function sweepJobOptions(attempts: number): JobsOptions {
  return {
    attempts,
    backoff: { type: "fixed", delay: 1000 },
    removeOnComplete: { age: KEEP_SECONDS },
    removeOnFail: { age: KEEP_SECONDS },
  };
}

/**
 * The sweep pool's queue backend: one BullMQ job per run (`crucible worker` processes run them,
 * each a `crucible run` process writing into the shared results folder). Job ids are the sweep
 * folder's name and the run id, so a restarted coordinator (`crucible sweep --resume`) finds the
 * jobs already queued, running or settled in Redis instead of queueing them twice. A run whose
 * failure the sweep folder recorded is queued afresh (resume runs failures again, as the local
 * pool does); one that failed while no coordinator watched is recorded from Redis.
 */
export function queueSweepBackend(options: QueueSweepOptions): SweepBackend {
  const attempts = options.attempts ?? 3;
  return async ({ folder, todo, signal, onResult }) => {
    const queue = openQueue(options);
    try {
      const sweep = basename(folder.dir);
      const recorded = await folder.readResults();
      await options.store?.upload(folder.dir, sweep, ["plan.json", "sweep.yaml"]);
      const index = new Map(todo.map((r) => [sweepJobId(sweep, r.id), r]));
      const jobs: AwaitedJob[] = todo.map((run) => ({
        id: sweepJobId(sweep, run.id),
        data: { kind: "sweep-run", sweep, run: run.id } satisfies SweepRunJob,
        opts: sweepJobOptions(attempts),
      }));
      let queued = 0;
      for (const job of jobs) {
        let state = await queue.getJobState(job.id);
        if (state === "failed" && recorded.get((job.data as SweepRunJob).run)?.status === "failed") {
          await (await queue.getJob(job.id))?.remove();
          state = "unknown";
        }
        if (state !== "unknown") continue;
        await queue.add(job.data.kind, job.data, { ...job.opts, jobId: job.id });
        queued++;
      }
      options.log?.(
        `queue: ${queued} runs queued, ${todo.length - queued} already in Redis (queue ${queue.name})`,
      );
      await waitForJobs(queue, jobs, {
        signal,
        pollMs: options.pollMs,
        log: options.log,
        onSettled: async (job: Job, state) => {
          const run = index.get(job.id as string);
          if (run === undefined) return;
          if (state === "completed") await onResult(job.returnvalue as RunResult);
          else
            await onResult({
              id: run.id,
              index: run.index,
              status: "failed",
              runDir: null,
              error: `${job.failedReason} (after ${job.attemptsMade} attempts on the queue)`,
              seconds: 0,
              metrics: null,
            });
        },
      });
    } finally {
      await queue.close();
    }
  };
}
