import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../sim/run/toCsv.ts";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "bin", "crucible.mjs");
const SWEEP = join(ROOT, "test", "fixtures", "sweep", "tiny-resume.yaml");

/** Polls (no deadline of its own: the test's timeout is the limit) until `check` returns a value. */
async function until<T>(check: () => T | undefined): Promise<T> {
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    await sleep(100);
  }
}

/** Pids of live processes started by the sweep with this pid (their environment names it). */
function childrenOf(sweepPid: number): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/environ`, "latin1")
          .split("\0")
          .includes(`CRUCIBLE_PARENT_PID=${sweepPid}`);
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    })
    .map(Number);
}

describe("crucible sweep --resume after kill -9", () => {
  it("resumes a sweep killed mid-way: finished runs kept, the rest run once, no row lost or doubled", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-sweep-resume-"));
    const sweep = execa(process.execPath, [CLI, "sweep", SWEEP, "--out", out, "--workers", "1"], {
      reject: false,
    });
    const pid = sweep.pid as number;
    const partial = await until(() => readdirSync(out).find((n) => n.endsWith(".partial")));
    const dir = join(out, partial);
    // Kill the sweep (SIGKILL: no handler runs) once one run has finished and the next is running.
    await until(() => (readdirSync(join(dir, "results")).length >= 1 ? true : undefined));
    await until(() => (childrenOf(pid).length > 0 ? true : undefined));
    sweep.kill("SIGKILL");
    expect((await sweep).signal).toBe("SIGKILL");
    // The orphaned run notices its sweep is gone and stops itself.
    await until(() => (childrenOf(pid).length === 0 ? true : undefined));

    expect(readdirSync(out)).toEqual([partial]);
    const before = Object.fromEntries(
      (await readdir(join(dir, "results"))).map((n) => [n, readFileSync(join(dir, "results", n), "utf8")]),
    );
    const kept = Object.keys(before);
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect(kept.length).toBeLessThan(4);
    expect(readdirSync(dir)).not.toContain("table.csv");

    const resumed = await execa(process.execPath, [CLI, "sweep", "--resume", dir], { all: true });
    expect(resumed.all).toContain(`sweep: 4 runs, ${kept.length} already done`);
    const done = join(out, partial.replace(/^\./, "").replace(/\.partial$/, ""));
    expect(readdirSync(out)).toEqual([done.split("/").at(-1)]);
    expect(resumed.stdout.trim()).toBe(join(done, "sweep.html"));

    const plan = JSON.parse(await readFile(join(done, "plan.json"), "utf8")) as { runs: { id: string }[] };
    const rows = parseCsv(await readFile(join(done, "table.csv"), "utf8"));
    expect(rows.map((r) => r.run)).toEqual(plan.runs.map((r) => r.id));
    expect(rows.map((r) => r.status)).toEqual(["complete", "complete", "complete", "complete"]);
    // Runs finished before the kill were not run again: their result files are untouched.
    for (const name of kept) expect(readFileSync(join(done, "results", name), "utf8")).toBe(before[name]);
    // Every run folder holds exactly one finished run (the killed attempt's leftovers were cleared).
    for (const run of plan.runs) {
      const inside = readdirSync(join(done, "runs", run.id));
      expect(inside, run.id).toHaveLength(1);
      expect(inside[0]).toMatch(/^sweep-tiny-\d+-\d{8}T\d{6}Z(-\d+)?$/);
      expect(rows.find((r) => r.run === run.id)?.runDir).toBe(`runs/${run.id}/${inside[0]}`);
    }
  }, 300_000);
});
