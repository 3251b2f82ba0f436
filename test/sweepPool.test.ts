import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../sim/run/toCsv.ts";
import { runSweep, type SweepProgress, type SweepResult } from "../sim/sweep/runSweep.ts";

const FIXTURES = join(import.meta.dirname, "fixtures", "sweep");

// Real runs: each a `crucible run` process (tfjs models, the in-memory protocol), two at once.
describe("crucible sweep on a pool of run processes", () => {
  let out: string;
  let sweep: SweepResult;
  const progress: SweepProgress[] = [];

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), "crucible-sweep-pool-"));
    sweep = await runSweep(join(FIXTURES, "tiny-failing.yaml"), {
      outDir: out,
      workers: 2,
      onProgress: (p) => progress.push(p),
    });
  }, 240_000);

  it("records a failed run with its error and still completes the others", async () => {
    expect(sweep.results.map((r) => [r.id.split("-")[0], r.status])).toEqual([
      ["0", "complete"],
      ["1", "failed"],
    ]);
    const [ok, failed] = sweep.results;
    expect(ok.metrics?.giniMinerRewards).toBeTypeOf("number");
    expect(failed.metrics).toBeNull();
    expect(failed.error).toMatch(/^exit code 1: .*planted failure: explode is true/s);
    // The failed run keeps its folder (marked .failed, with its error.txt), linked from the result.
    expect(failed.runDir).toMatch(/^runs\/1-\d+\/sweep-tiny-\d+-\d{8}T\d{6}Z(-\d+)?\.failed$/);
    expect(await readFile(join(sweep.dir, failed.runDir as string, "error.txt"), "utf8")).toContain(
      "planted failure",
    );
    expect(sweep.failed).toBe(1);
    expect(progress.at(0)).toEqual({ done: 0, total: 2, failed: 0 });
    expect(progress.at(-1)).toMatchObject({ done: 2, total: 2, failed: 1 });
  });

  it("renames the sweep folder from .partial only once every run has a result", async () => {
    expect(basename(sweep.dir)).toMatch(/^tiny-failing-4-\d{8}T\d{9}Z$/);
    expect(await readdir(out)).toEqual([basename(sweep.dir)]);
    expect((await readdir(join(sweep.dir, "results"))).sort()).toEqual(
      sweep.plan.runs.map((r) => `${r.id}.json`).sort(),
    );
  });

  it("writes the table in CSV and Parquet, which a second library reads back the same", async () => {
    const csv = parseCsv(await readFile(sweep.tablePath, "utf8"));
    expect(csv.map((r) => [r.run, r["mechanism.params.explode"], r.status])).toEqual([
      [sweep.results[0].id, "false", "complete"],
      [sweep.results[1].id, "true", "failed"],
    ]);
    const parquet = await parquetReadObjects({ file: await asyncBufferFromFile(sweep.parquetPath) });
    expect(parquet).toHaveLength(2);
    expect(Object.keys(parquet[0])).toEqual(Object.keys(csv[0]));
    for (const [i, row] of parquet.entries()) {
      expect(row.run).toBe(csv[i].run);
      expect(row.seed).toBe(BigInt(csv[i].seed));
      expect(row["mechanism.params.explode"]).toBe(csv[i]["mechanism.params.explode"] === "true");
      expect(row.status).toBe(csv[i].status);
      expect(row.error ?? "").toBe(csv[i].error);
    }
    expect(parquet[0].giniMinerRewards).toBe(sweep.results[0].metrics?.giniMinerRewards);
    expect(Number(csv[0].giniMinerRewards)).toBe(sweep.results[0].metrics?.giniMinerRewards);
    expect(parquet[1].giniMinerRewards).toBeNull();
    expect(existsSync(sweep.htmlPath)).toBe(true);
  });
});
