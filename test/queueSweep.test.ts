import { readdirSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheck } from "../sim/check/runCheck.ts";
import { queueSeeds } from "../sim/queue/queueSeeds.ts";
import { parseCsv } from "../sim/run/toCsv.ts";
import { startRedis, type TestRedis } from "./fixtures/queue/startRedis.ts";
import { childrenOf, startWorker, type TestWorker, until } from "./fixtures/queue/startWorker.ts";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "bin", "crucible.mjs");
const SWEEPS = join(ROOT, "test", "fixtures", "sweep");
const PASSING = join(ROOT, "test", "fixtures", "check", "passing");

let redis: TestRedis;
const workers: TestWorker[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const w of workers) w.process.kill("SIGKILL");
  await redis?.stop();
});

async function worker(results: string, extra: string[] = []): Promise<TestWorker> {
  const w = await startWorker(redis.url, results, extra);
  workers.push(w);
  return w;
}

/** `crucible sweep` on the queue (its own queue name, so tests never take each other's jobs). */
function sweep(args: string[], queueName: string) {
  return execa(process.execPath, [CLI, "sweep", ...args, "--queue", redis.url, "--queue-name", queueName], {
    reject: false,
    all: true,
  });
}

async function finishedTable(out: string) {
  const name = readdirSync(out).find((n) => !n.startsWith("."));
  expect(name, `a finished sweep folder in ${readdirSync(out)}`).toBeDefined();
  const dir = join(out, name as string);
  const plan = JSON.parse(await readFile(join(dir, "plan.json"), "utf8")) as { runs: { id: string }[] };
  const rows = parseCsv(await readFile(join(dir, "table.csv"), "utf8"));
  return { dir, plan, rows };
}

/** Times a worker started a run's job (job ids are `<sweep>.<run id>`). */
const starts = (log: string, runId: string) =>
  log.split("\n").filter((l) => new RegExp(`^worker: job \\S+\\.${runId} started`).test(l)).length;

/** Each run's folder holds exactly one finished run (no run counted twice, none lost). */
function expectOneRunEach(dir: string, ids: string[]) {
  for (const id of ids) expect(readdirSync(join(dir, "runs", id)), id).toHaveLength(1);
}

/** The one job a worker has going (started, not ended, its `crucible run` child alive), if any. */
function runningJob(w: TestWorker): string | undefined {
  const started = [...w.log().matchAll(/job (\S+) started/g)].map((m) => m[1] as string);
  const ended = new Set([...w.log().matchAll(/job (\S+) (completed|failed)/g)].map((m) => m[1]));
  const open = started.filter((id) => !ended.has(id));
  return open.length === 1 && childrenOf(w.process.pid as number).length > 0 ? open[0] : undefined;
}

describe("crucible sweep --queue: the pool's queue backend on a real Redis with real worker processes", () => {
  it("two workers; one SIGKILLed mid-run: its job stalls, runs again on the other, every run once in the table", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-queue-kill-"));
    const w1 = await worker(out, ["--queue-name", "kill"]);
    const w2 = await worker(out, ["--queue-name", "kill"]);
    const coordinator = sweep([join(SWEEPS, "tiny-pair.yaml"), "--out", out], "kill");
    // Kill whichever worker first has a run going (its `crucible run` child alive, its job not done).
    const [victim, killedJob] = await until(() => {
      for (const w of [w1, w2]) {
        const job = runningJob(w);
        if (job !== undefined) return [w, job] as const;
      }
      return undefined;
    });
    const survivor = victim === w1 ? w2 : w1;
    victim.process.kill("SIGKILL");
    const done = await coordinator;
    expect(done.exitCode, done.all).toBe(0);
    expect(survivor.log()).toContain(`job ${killedJob} stalled`);
    expect(survivor.log()).toContain(`job ${killedJob} completed`);
    const { dir, plan, rows } = await finishedTable(out);
    expect(rows.map((r) => r.run)).toEqual(plan.runs.map((r) => r.id));
    expect(rows.map((r) => r.status)).toEqual(["complete", "complete"]);
    expectOneRunEach(
      dir,
      plan.runs.map((r) => r.id),
    );
  }, 180_000);

  it("a worker that dies on every attempt: past --max-stalled the run is recorded failed with BullMQ's reason, the others complete once", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-queue-stall-limit-"));
    const flags = ["--queue-name", "stall-limit", "--max-stalled", "0"];
    const w1 = await worker(out, flags);
    const w2 = await worker(out, flags);
    const coordinator = sweep([join(SWEEPS, "tiny-pair.yaml"), "--out", out], "stall-limit");
    const [victim, killedJob] = await until(() => {
      for (const w of [w1, w2]) {
        const job = runningJob(w);
        if (job !== undefined) return [w, job] as const;
      }
      return undefined;
    });
    victim.process.kill("SIGKILL");
    const done = await coordinator;
    expect(done.exitCode, done.all).toBe(1);
    const { plan, rows } = await finishedTable(out);
    const killedRun = plan.runs.find((r) => killedJob.endsWith(`.${r.id}`))?.id;
    const killed = rows.find((r) => r.run === killedRun);
    expect(killed?.status).toBe("failed");
    expect(killed?.error).toMatch(/stalled more than allowable limit/);
    const other = rows.find((r) => r.run !== killedRun);
    expect(other?.status).toBe("complete");
    const survivor = victim === w1 ? w2 : w1;
    expect(starts(survivor.log(), killedRun as string)).toBe(0);
  }, 180_000);

  it("a coordinator SIGKILLed and restarted with --resume takes the sweep's state from Redis: nothing queued twice", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-queue-coordinator-"));
    const w = await worker(out, ["--queue-name", "coord"]);
    const first = sweep([join(SWEEPS, "tiny-pair.yaml"), "--out", out], "coord");
    let firstLog = "";
    first.stderr?.on("data", (chunk: Buffer) => {
      firstLog += chunk.toString();
    });
    const partial = await until(() => readdirSync(out).find((n) => n.endsWith(".partial")));
    // Killed once every run is queued and the worker has one going.
    await until(() => (firstLog.includes("queue: 2 runs queued") ? true : undefined));
    await until(() => (/job \S+ started/.test(w.log()) ? true : undefined));
    first.kill("SIGKILL");
    expect((await first).signal).toBe("SIGKILL");
    // The worker goes on while no coordinator watches; the restarted one finds the jobs in Redis.
    const resumed = await sweep(["--resume", join(out, partial)], "coord");
    expect(resumed.exitCode, resumed.all).toBe(0);
    expect(resumed.all).toMatch(/queue: 0 runs queued, [12] already in Redis/);
    const { dir, plan, rows } = await finishedTable(out);
    expect(rows.map((r) => r.status)).toEqual(["complete", "complete"]);
    expectOneRunEach(
      dir,
      plan.runs.map((r) => r.id),
    );
    for (const run of plan.runs) expect(starts(w.log(), run.id), run.id).toBe(1);
  }, 300_000);

  it("Redis restarted mid-sweep: the worker reconnects and the sweep completes", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-queue-redis-"));
    const w = await worker(out, ["--queue-name", "restart"]);
    const coordinator = sweep([join(SWEEPS, "tiny-pair.yaml"), "--out", out], "restart");
    await until(() => (/job \S+ completed/.test(w.log()) ? true : undefined));
    await redis.restart();
    const before = w.log().length;
    const done = await coordinator;
    expect(done.exitCode, done.all).toBe(0);
    // The same worker process took and finished jobs after the restart.
    expect(w.log().slice(before)).toMatch(/job \S+ completed/);
    expect(w.process.exitCode).toBeNull();
    const { dir, plan, rows } = await finishedTable(out);
    expect(rows.map((r) => r.status)).toEqual(["complete", "complete"]);
    expectOneRunEach(
      dir,
      plan.runs.map((r) => r.id),
    );
  }, 300_000);

  it("retries are bounded: a run that keeps failing is recorded failed with its error; user modules need --allow-user-modules", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-queue-failing-"));
    const refusing = await worker(out, ["--queue-name", "refuse"]);
    const refused = await sweep([join(SWEEPS, "tiny-failing.yaml"), "--out", out], "refuse");
    expect(refused.exitCode).toBe(1);
    const first = await finishedTable(out);
    expect(first.rows.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(first.rows[0].error).toMatch(/runs as code; this worker refuses it .*after 1 attempts/);
    expect(refusing.log()).not.toMatch(/job \S+ started \(attempt 2\)/);

    const out2 = await mkdtemp(join(tmpdir(), "crucible-queue-failing-"));
    const allowing = await worker(out2, ["--queue-name", "allow", "--allow-user-modules"]);
    const failing = await sweep(
      [join(SWEEPS, "tiny-failing.yaml"), "--out", out2, "--attempts", "2"],
      "allow",
    );
    expect(failing.exitCode).toBe(1);
    const { plan, rows } = await finishedTable(out2);
    expect(rows.map((r) => r.status)).toEqual(["complete", "failed"]);
    expect(rows[1].error).toMatch(/planted failure: explode is true[\s\S]*after 2 attempts/);
    const exploding = plan.runs[1].id;
    expect(starts(allowing.log(), exploding)).toBe(2);
    expect(starts(allowing.log(), plan.runs[0].id)).toBe(1);
  }, 180_000);

  it("crucible check --queue: a check's seeds run on a worker give the same runs as in this process", async () => {
    const tmp = await mkdtemp(join(tmpdir(), "crucible-queue-check-"));
    const options = (name: string) => ({ outDir: join(tmp, name), stateDir: join(tmp, `${name}-state`) });
    await worker(join(tmp, "queue"), ["--queue-name", "check"]);
    const queued = await runCheck(PASSING, {
      ...options("queue"),
      runSeeds: queueSeeds({ url: redis.url, name: "check", results: join(tmp, "queue") }),
    });
    const inProcess = await runCheck(PASSING, options("seq"));
    const runs = (r: typeof inProcess) => r.targets[0].runs.map(({ runDir: _, ...run }) => run);
    expect(runs(queued).map((r) => r.seed)).toEqual([7, 8]);
    expect(runs(queued)[0].resultsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(runs(queued)).toEqual(runs(inProcess));
    expect(queued.targets[0].runs[0].runDir).toContain(join(tmp, "queue"));
  }, 180_000);
});
