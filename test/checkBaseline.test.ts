import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HEADLINE_DEFINITIONS } from "../reports/headline/headlineDefinitions.ts";
import type { Baseline } from "../sim/check/baseline.ts";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "bin", "crucible.mjs");
const PASSING = join(ROOT, "test", "fixtures", "check", "passing");

function crucible(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Real runs of a small subnet on two seeds (in-memory protocol): a baseline written, an equal re-run
// held to it, and a baseline that was better than now, caught as a regression.
describe("crucible check --write-baseline / --baseline", () => {
  let tmp: string;
  let base: Baseline;
  const check = (...extra: string[]) =>
    crucible("check", PASSING, "--out", join(tmp, "runs"), "--state-dir", join(tmp, "state"), ...extra);

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "crucible-baseline-"));
    const written = check("--write-baseline", join(tmp, "base.json"));
    expect(written.code, written.stderr).toBe(0);
    base = JSON.parse(await readFile(join(tmp, "base.json"), "utf8"));
  }, 300_000);

  it("stores every run metric of each scenario by seed", () => {
    expect(base.crucibleBaseline).toBe(1);
    expect(base.targets.gate.seeds).toEqual([7, 8]);
    expect(Object.keys(base.targets.gate.metrics.epochs)).toEqual(["7", "8"]);
    expect(base.targets.gate.metrics.epochs).toEqual({ 7: 4, 8: 4 });
  });

  it("passes an equal re-run", () => {
    const r = check("--baseline", join(tmp, "base.json"));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /✓ \[baseline\] baseline .*base\.json \(tolerance 5%\) — \d+ metrics within tolerance or not significantly worse/,
    );
  });

  it("fails a significant regression and reports its effect and interval", async () => {
    // A baseline in which a higher-is-better metric was 50% higher on both seeds than it is now.
    const higher = HEADLINE_DEFINITIONS.filter((d) => d.better === "higher").map((d) => d.key as string);
    const key = higher.find((k) =>
      Object.values(base.targets.gate.metrics[k] ?? {}).every((v) => typeof v === "number" && v > 0),
    );
    expect(key).toBeDefined();
    const metrics = base.targets.gate.metrics[key as string];
    const better: Baseline = structuredClone(base);
    better.targets.gate.metrics[key as string] = Object.fromEntries(
      Object.entries(metrics).map(([s, v]) => [s, (v as number) * 1.5]),
    );
    await writeFile(join(tmp, "better.json"), JSON.stringify(better));
    const r = check("--baseline", join(tmp, "better.json"), "--no-shrink");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✗ [baseline] baseline ${join(tmp, "better.json")} (tolerance 5%)`);
    expect(r.stdout).toMatch(
      new RegExp(
        `${key}: now − baseline = -[0-9.]+ \\(-33\\.33%\\), 95% interval \\[-[0-9.]+, -[0-9.]+\\], paired over 2 seeds; higher is better, tolerance ±[0-9.]+: regression`,
      ),
    );
    expect(r.stderr).toContain("CRUCIBLE_CHECK_FAILED");
  });

  it("names a missing or foreign baseline file", async () => {
    const missing = check("--baseline", join(tmp, "nowhere.json"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nowhere.json: not a readable baseline");
    await writeFile(join(tmp, "foreign.json"), "{}");
    const foreign = check("--baseline", join(tmp, "foreign.json"));
    expect(foreign.stderr).toContain("crucibleBaseline: expected 1");
    expect(foreign.stderr).toContain("CRUCIBLE_USAGE");
  });

  it("rejects a reduced size or pool it cannot run, before running anything", () => {
    for (const [flag, value, says] of [
      ["--scale", "0", "--scale 0: expected a number above 0"],
      ["--workers", "0", "--workers 0: expected a whole number, 1 or more"],
      ["--tolerance", "-1", "--tolerance -1: expected 0 or more"],
    ]) {
      const r = check(flag, value);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(says);
      expect(r.stderr).toContain("CRUCIBLE_USAGE");
    }
  });
});
