import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../sim/run/toCsv.ts";
import { startRedis, type TestRedis } from "./fixtures/queue/startRedis.ts";
import { startS3, type TestS3 } from "./fixtures/queue/startS3.ts";
import { startWorker, type TestWorker } from "./fixtures/queue/startWorker.ts";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "bin", "crucible.mjs");
const SWEEP = join(ROOT, "test", "fixtures", "sweep", "tiny-pair.yaml");
const BUCKET = "crucible-test";

let redis: TestRedis;
let s3: TestS3;
const workers: TestWorker[] = [];
beforeAll(async () => {
  redis = await startRedis();
  s3 = await startS3([BUCKET]);
});
afterAll(async () => {
  for (const w of workers) w.process.kill("SIGKILL");
  await redis?.stop();
  await s3?.stop();
});

describe("--results s3://bucket/prefix: an S3-compatible results store (a real s3rver, real workers)", () => {
  it("the workers upload each run folder; the coordinator's table and outputs go beside them; nothing is written to the local runs/", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-queue-s3-"));
    const scratch = await mkdtemp(join(tmpdir(), "crucible-queue-s3-worker-"));
    const results = `s3://${BUCKET}/sweeps`;
    const w = await startWorker(redis.url, results, ["--queue-name", "s3"], { ...s3.env, TMPDIR: scratch });
    workers.push(w);
    expect(w.log()).toContain(`results in ${results}`);
    const done = await execa(
      process.execPath,
      [CLI, "sweep", SWEEP, "--out", out, "--queue", redis.url, "--queue-name", "s3", "--results", results],
      { reject: false, all: true, env: s3.env },
    );
    expect(done.exitCode, done.all).toBe(0);
    const name = readdirSync(out).find((n) => !n.startsWith(".")) as string;
    expect(done.all).toContain(`outputs uploaded to s3://${BUCKET}/sweeps/${name}`);
    const table = await readFile(join(out, name, "table.csv"), "utf8");
    const rows = parseCsv(table);
    expect(rows.map((r) => r.status)).toEqual(["complete", "complete"]);
    for (const row of rows) {
      const local = join(out, name, "runs", row.run as string);
      expect(existsSync(local) ? readdirSync(local) : [], "local run folder").toEqual([]);
      const summary = await s3.read(BUCKET, `sweeps/${name}/${row.runDir}/summary.json`);
      expect(summary, `${row.runDir}/summary.json in the bucket`).toBeDefined();
      expect(JSON.parse(summary as string).giniMinerRewards).toBe(Number(row.giniMinerRewards));
      expect(await s3.read(BUCKET, `sweeps/${name}/${row.runDir}/report.html`)).toBeDefined();
    }
    expect(await s3.read(BUCKET, `sweeps/${name}/table.csv`)).toBe(table);
    expect(await s3.read(BUCKET, `sweeps/${name}/plan.json`)).toBe(
      await readFile(join(out, name, "plan.json"), "utf8"),
    );
    // The worker's scratch copies of the run folders are gone once uploaded.
    const left = readdirSync(scratch, { recursive: true, encoding: "utf8" });
    expect(left.filter((p) => p.endsWith("summary.json"))).toEqual([]);
  }, 240_000);

  it("bad input is one clear error naming --results, before any job: wrong keys, not a bucket URL, no --queue", async () => {
    const cli = (args: string[], env: Record<string, string> = s3.env) =>
      execa(process.execPath, [CLI, ...args], { reject: false, env, timeout: 60_000 });
    const wrongKey = await cli(["worker", "--queue", redis.url, "--results", `s3://${BUCKET}/x`], {
      ...s3.env,
      AWS_SECRET_ACCESS_KEY: "wrong",
    });
    expect(wrongKey.exitCode).toBe(1);
    expect(wrongKey.stderr).toContain(`--results s3://${BUCKET}/x: cannot write to the bucket`);
    const out = await mkdtemp(join(tmpdir(), "crucible-queue-s3-bad-"));
    const notS3 = await cli(["sweep", SWEEP, "--out", out, "--queue", redis.url, "--results", "gs://b/p"]);
    expect(notS3.stderr).toContain("--results gs://b/p: expected s3://bucket/prefix");
    const noQueue = await cli(["sweep", SWEEP, "--out", out, "--results", `s3://${BUCKET}/x`]);
    expect(noQueue.stderr).toContain("--results names the workers' results store; it goes with --queue");
    const badBucket = await cli(["worker", "--queue", redis.url, "--results", "s3://B_/x"]);
    expect(badBucket.stderr).toContain("--results s3://B_/x: expected s3://bucket/prefix");
    for (const r of [notS3, noQueue, badBucket]) expect(r.exitCode).toBe(1);
    expect(readdirSync(out)).toEqual([]);
  }, 120_000);
});
