import { setTimeout as sleep } from "node:timers/promises";
import type { Job, JobsOptions, Queue } from "bullmq";
import type { QueueJob } from "./queueJob.ts";

/** One job a coordinator waits on: its id, its data and options (to queue it again if Redis lost it). */
export interface AwaitedJob {
  id: string;
  data: QueueJob;
  opts: JobsOptions;
}

export interface WaitForJobsOptions {
  /** Called once per job when it has completed or has finally failed (retries spent). */
  onSettled: (job: Job, state: "completed" | "failed") => Promise<void>;
  signal?: AbortSignal;
  /** How often Redis is asked (default 250 ms). */
  pollMs?: number;
  log?: (line: string) => void;
}

/**
 * Waits for jobs by asking Redis for their states, not by listening to events: a poll survives a
 * Redis restart and a coordinator restart (nothing is missed while no one listened). A job Redis no
 * longer knows (restarted without persistence) is queued again under the same id. Errors reaching
 * Redis are logged once and retried until Redis is back. Returns when every job has settled or the
 * signal aborted.
 */
export async function waitForJobs(
  queue: Queue,
  jobs: AwaitedJob[],
  options: WaitForJobsOptions,
): Promise<void> {
  const pending = new Map(jobs.map((j) => [j.id, j]));
  let unreachable = false;
  while (pending.size > 0 && !options.signal?.aborted) {
    try {
      const states = await Promise.all([...pending.keys()].map((id) => queue.getJobState(id)));
      for (const [i, id] of [...pending.keys()].entries()) {
        const state = states[i];
        if (state === "unknown") {
          const job = pending.get(id) as AwaitedJob;
          await queue.add(job.data.kind, job.data, { ...job.opts, jobId: id });
          options.log?.(`queue: job ${id} was not in Redis (lost in a restart?); queued it again`);
          continue;
        }
        if (state !== "completed" && state !== "failed") continue;
        const job = await queue.getJob(id);
        if (job === undefined) continue;
        await options.onSettled(job, state);
        pending.delete(id);
      }
      if (unreachable) options.log?.("queue: Redis reachable again");
      unreachable = false;
    } catch (error) {
      if (!unreachable) options.log?.(`queue: cannot reach Redis (${(error as Error).message}); retrying`);
      unreachable = true;
    }
    if (pending.size > 0)
      await sleep(options.pollMs ?? 250, undefined, { signal: options.signal }).catch(() => undefined);
  }
}
