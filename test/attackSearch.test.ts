import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { execa } from "execa";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { SearchSummary } from "../sim/attackSearch/searchSummary.ts";
import { parseCsv } from "../sim/run/toCsv.ts";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "bin", "crucible.mjs");
const FIXTURES = join(import.meta.dirname, "fixtures", "attack-search");

// Real runs: every candidate, honest twin, fresh-seed rerun and the proof is a `crucible run`
// process (tfjs models, the in-memory protocol) on the search's pool.
describe("crucible attack-search end to end", () => {
  let dir: string;
  let summary: SearchSummary;
  let stdout: string;

  beforeAll(async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-attack-search-"));
    const r = await execa(
      process.execPath,
      [CLI, "attack-search", join(FIXTURES, "tiny.search.yaml"), "--out", out, "--workers", "2"],
      {
        reject: false,
      },
    );
    stdout = r.stdout;
    expect(r.exitCode, r.stderr).toBe(0);
    const folders = await readdir(out);
    expect(folders).toHaveLength(1);
    dir = join(out, folders[0]);
    summary = JSON.parse(await readFile(join(dir, "search.json"), "utf8")) as SearchSummary;
  }, 300_000);

  it("writes a complete search folder and prints search.html", () => {
    expect(basename(dir)).toMatch(/^tiny-search-3-cross-entropy-\d{8}T\d{9}Z$/);
    expect(stdout.trim().split("\n").at(-1)).toBe(join(dir, "search.html"));
    for (const f of [
      "search.yaml",
      "candidates.csv",
      "candidates.parquet",
      "evaluations.csv",
      "best.yaml",
      "search.html",
    ])
      expect(existsSync(join(dir, f)), f).toBe(true);
  });

  it("scores every candidate on the evaluation seed against its honest twin, within the budget", async () => {
    const rows = parseCsv(await readFile(join(dir, "candidates.csv"), "utf8"));
    expect(rows).toHaveLength(3 * summary.generations);
    expect(Object.keys(rows[0])).toEqual(
      expect.arrayContaining(["candidate", "stake", "minerStrategy", "stakeShare", "objective"]),
    );
    for (const r of rows) expect(Number(r.stakeShare)).toBeLessThanOrEqual(0.2 + 1e-9);
    const parquet = await parquetReadObjects({
      file: await asyncBufferFromFile(join(dir, "candidates.parquet")),
    });
    expect(parquet.map((r) => r.objective)).toEqual(rows.map((r) => Number(r.objective)));
    const evaluations = parseCsv(await readFile(join(dir, "evaluations.csv"), "utf8"));
    expect(evaluations.every((e) => e.seed === "1" && e.twin !== "" && e.status === "complete")).toBe(true);
    // The best is the highest full-length score; an honest candidate gains exactly 0 over its twin.
    const best = Math.max(...rows.map((r) => Number(r.objective)));
    expect(summary.best?.objective).toBe(best);
    for (const r of rows.filter((x) => x.minerStrategy === "honest")) expect(Number(r.objective)).toBe(0);
  });

  it("reruns the best on the fresh seed, and proves best.yaml reproduces it with a plain crucible run", async () => {
    expect(summary.fresh?.values.map((v) => v.seed)).toEqual([2]);
    expect(summary.proof?.reproduced).toBe(true);
    expect(summary.proof?.rerun.resultsHash).toBe(summary.proof?.search.resultsHash);
    expect(summary.proof?.rerun.value).toBe(summary.best?.perSeed[0].value);
    const best = parse(await readFile(join(dir, "best.yaml"), "utf8")) as Record<string, unknown>;
    expect(best.seed).toBe(1);
    expect(best.epochs).toBe(2);
  });

  it("resumes an unfinished search folder: the same candidates, every run read back instead of rerun", async () => {
    // An unfinished copy of the search: its runs are there, its outputs are not.
    const partial = join(dir, "..", `.${basename(dir)}-copy.partial`);
    const final = join(dir, "..", `${basename(dir)}-copy`);
    await cp(dir, partial, { recursive: true });
    for (const f of [
      "candidates.csv",
      "candidates.parquet",
      "search.json",
      "search.html",
      "best.yaml",
      "proof",
    ])
      await rm(join(partial, f), { recursive: true, force: true });
    const r = await execa(process.execPath, [CLI, "attack-search", "--resume", partial, "--quiet"], {
      reject: false,
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(join(final, "search.html"));
    const again = JSON.parse(await readFile(join(final, "search.json"), "utf8")) as SearchSummary;
    expect(again.reusedRuns).toBe(again.runs);
    expect(again.best).toEqual(summary.best);
    expect(again.proof?.reproduced).toBe(true);
    expect(await readFile(join(final, "candidates.csv"), "utf8")).toBe(
      await readFile(join(dir, "candidates.csv"), "utf8"),
    );
  }, 120_000);
});
