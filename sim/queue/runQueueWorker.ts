import { availableParallelism } from "node:os";
import { relative } from "node:path";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import type { SeedRun } from "../check/runSeeds.ts";
import { runInChild } from "../check/runSeedsInProcesses.ts";
import { runSets } from "../sweep/planSweep.ts";
import { runOneInProcess } from "../sweep/runOneInProcess.ts";
import { type RunResult, SweepFolder } from "../sweep/sweepFolder.ts";
import type { QueueAddress } from "./openQueue.ts";
import { type CheckSeedJob, DEFAULT_QUEUE_NAME, queueJob, type SweepRunJob } from "./queueJob.ts";
import { parseRedisUrl } from "./redisConnection.ts";
import { refuseUserModule } from "./refuseUserModule.ts";
import { openResultsStore, type ResultsStore } from "./resultsStore.ts";

export interface QueueWorkerOptions extends QueueAddress {
  /**
   * The results store: the shared folder as this machine sees it (the coordinator's `--out`), or
   * `s3://bucket/prefix` (the coordinator's `--results`).
   */
  results: string;
  /** Jobs at once, each its own process (default 1). */
  concurrency?: number;
  /**
   * Seconds a job's lock lasts without renewal (renewed every half of it while the worker lives);
   * also how often this worker looks for stalled jobs: a dead worker's job is back in the queue
   * within about twice this (default 30, BullMQ's).
   */
  lockSeconds?: number;
  /** Times a job may stall (its worker died) before it fails (default 1, BullMQ's). */
  maxStalled?: number;
  /** Run jobs whose scenario names a user mechanism module (code); refused by default. */
  allowUserModules?: boolean;
  log?: (line: string) => void;
  /** Aborting closes the worker: it takes no new job and returns once its running jobs have ended. */
  signal?: AbortSignal;
}

/**
 * `crucible worker`: takes Crucible jobs from the queue and runs each in its own process, as the
 * local pool does (a sweep's run as `crucible run`, a check's seed as a child), writing into the
 * shared results folder. A failed run is thrown so BullMQ retries it (bounded by the job's
 * attempts); the result of a completed one is the job's return value, which the coordinator records.
 */
export async function runQueueWorker(options: QueueWorkerOptions): Promise<void> {
  const concurrency = options.concurrency ?? 1;
  const coresPerRun = Math.max(1, Math.floor(availableParallelism() / concurrency));
  const store = await openResultsStore(options.results);
  await store.check(); // an unwritable store is one clear error before any job is taken
  const allow = options.allowUserModules ?? false;
  const log = options.log ?? (() => undefined);
  const lockMs = (options.lockSeconds ?? 30) * 1000;

  const handle = async (job: Job): Promise<RunResult | SeedRun> => {
    const parsed = queueJob.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`job ${job.id}: not a Crucible job (${parsed.error.issues[0]?.message})`);
    const data = parsed.data;
    log(`worker: job ${job.id} started (attempt ${job.attemptsMade + 1})`);
    return data.kind === "sweep-run"
      ? sweepRun(data, store, allow, coresPerRun)
      : checkSeed(data, store, allow);
  };

  const worker = new Worker(options.name ?? DEFAULT_QUEUE_NAME, handle, {
    connection: parseRedisUrl(options.url),
    concurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    maxStalledCount: options.maxStalled ?? 1,
  });
  worker.on("completed", (job) => log(`worker: job ${job.id} completed`));
  worker.on("failed", (job, error) =>
    log(`worker: job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message.split("\n")[0]}`),
  );
  worker.on("stalled", (id) =>
    log(`worker: job ${id} stalled (its worker stopped renewing its lock); queued again`),
  );
  let lastError = "";
  worker.on("error", (error) => {
    if (error.message !== lastError) log(`worker: ${error.message}`);
    lastError = error.message;
  });
  worker.on("ready", () => {
    if (lastError !== "") log("worker: connected to Redis again");
    lastError = "";
  });
  await worker.waitUntilReady();
  log(
    `worker: taking jobs from queue ${worker.name}, ${concurrency} at a time, results in ${store.where}` +
      (allow ? " (user mechanism modules allowed)" : ""),
  );
  await new Promise<void>((done) => {
    if (options.signal?.aborted) done();
    options.signal?.addEventListener("abort", () => done(), { once: true });
  });
  log("worker: closing (waiting for running jobs)");
  await worker.close();
}

async function sweepRun(
  data: SweepRunJob,
  store: ResultsStore,
  allow: boolean,
  coresPerRun: number,
): Promise<RunResult> {
  const { folder, plan } = await SweepFolder.open(await store.checkout(data.sweep, ["plan.json"]));
  const run = plan.runs.find((r) => r.id === data.run);
  if (run === undefined) throw new UnrecoverableError(`${folder.dir}: no run ${data.run} in plan.json`);
  await refuseUserModule(
    plan.scenarioPath,
    { epochs: plan.epochs, seed: run.seed, set: runSets(plan, run) },
    allow,
  );
  const result = await runOneInProcess(plan, run, folder, undefined, coresPerRun);
  await store.checkin(data.sweep, `runs/${run.id}`);
  if (result.status === "failed") throw new Error(result.error ?? "failed");
  return result;
}

async function checkSeed(data: CheckSeedJob, store: ResultsStore, allow: boolean): Promise<SeedRun> {
  const { kind: _, ...spec } = data;
  await refuseUserModule(
    spec.scenarioPath,
    { epochs: spec.epochs, seed: spec.seed, overrides: spec.overrides },
    allow,
  );
  const dir = await store.checkout(spec.outDir, []);
  const run = await runInChild({ ...spec, outDir: dir });
  await store.checkin(spec.outDir, "");
  // A process that died is retried; an error the run reported (bad scenario, invariant) is its result.
  if (run.error?.startsWith("the seed's process ended")) throw new Error(run.error);
  return run.runDir === undefined
    ? run
    : { ...run, runDir: store.address(spec.outDir, relative(dir, run.runDir)) };
}
