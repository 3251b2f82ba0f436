import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import type { DefenceReport } from "../sim/attackSearch/runDefenceReport.ts";
import type { SearchSummary } from "../sim/attackSearch/searchSummary.ts";
import { parseCsv } from "../sim/run/toCsv.ts";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "bin", "crucible.mjs");
const FIXTURES = join(import.meta.dirname, "fixtures", "attack-search");
const crucible = (args: string[]) => execa(process.execPath, [CLI, ...args], { reject: false });

// Real runs on the in-memory protocol: the tiny search with its random baseline (`--baseline
// random`), then its best attack under three defences (one of which does not apply) on its fresh seed.
describe("random baseline and defence report end to end", () => {
  let out: string;
  let optimizer: string;
  let random: string;
  let baselineStdout: string;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), "crucible-attack-defences-"));
    const r = await crucible([
      "attack-search",
      join(FIXTURES, "tiny.search.yaml"),
      "--out",
      out,
      "--workers",
      "2",
      "--baseline",
      "random",
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    baselineStdout = r.stdout;
    const folders = (await readdir(out)).sort();
    expect(folders).toHaveLength(2);
    [optimizer, random] = folders.map((f) => join(out, f));
    expect(optimizer).toMatch(/cross-entropy/);
    expect(random).toMatch(/random/);
  }, 900_000);

  it("runs the random baseline on the same seeds and budget and writes both best-so-far curves", async () => {
    expect(baselineStdout.trim().split("\n").at(-1)).toBe(join(optimizer, "compare.html"));
    const [a, b] = await Promise.all(
      [optimizer, random].map(
        async (d) => JSON.parse(await readFile(join(d, "search.json"), "utf8")) as SearchSummary,
      ),
    );
    expect([a.method, b.method]).toEqual(["cross-entropy", "random"]);
    expect(b.evaluationSeeds).toEqual(a.evaluationSeeds);
    expect(b.spentRuns).toBe(a.spentRuns);
    const rows = parseCsv(await readFile(join(optimizer, "compare.csv"), "utf8"));
    expect(new Set(rows.map((r) => r.method))).toEqual(new Set(["cross-entropy", "random"]));
    // Each curve is the running maximum and ends at its search's best.
    for (const [s, method] of [
      [a, "cross-entropy"],
      [b, "random"],
    ] as const) {
      const best = rows.filter((r) => r.method === method).map((r) => Number(r.best));
      expect(best).toEqual([...best].sort((x, y) => x - y));
      expect(best.at(-1)).toBe(s.best?.objective);
    }
    expect(await readFile(join(optimizer, "compare.html"), "utf8")).toContain("best-so-far");
  });

  it("compares finished folders, and refuses a folder that is not a search", async () => {
    const again = await crucible(["attack-search", "--compare", optimizer, random, "--quiet"]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe(join(optimizer, "compare.html"));
    const bad = await crucible(["attack-search", "--compare", optimizer, out]);
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toContain(`${out}: not a finished search folder`);
  });

  it("refuses bad input before any run", async () => {
    const cases: [string[], string][] = [
      [["attack-defences", out], `${out}: not a finished search folder`],
      [["attack-defences", optimizer, "--only", "moat"], "--only: no defence named moat"],
      [["attack-defences", optimizer, "--seeds", "1"], "--seeds: 1 is an evaluation seed"],
    ];
    for (const [args, message] of cases) {
      const r = await crucible(args);
      expect(r.exitCode).not.toBe(0);
      expect(r.stderr).toContain(message);
    }
    expect(existsSync(join(optimizer, "defences.csv"))).toBe(false);
  });

  it("reruns the best attack under each defence on the fresh seed and writes the table", async () => {
    const r = await crucible([
      "attack-defences",
      optimizer,
      "--only",
      "bonds-penalty,registration-burn-10,reveal-delay-1",
      "--workers",
      "2",
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(join(optimizer, "defences.html"));
    const summary = JSON.parse(await readFile(join(optimizer, "search.json"), "utf8")) as SearchSummary;
    const report = JSON.parse(await readFile(join(optimizer, "defences.json"), "utf8")) as DefenceReport;
    expect(report.seeds).toEqual([2]);
    const rows = Object.fromEntries(report.rows.map((x) => [x.defence, x]));
    expect(Object.keys(rows)).toEqual(["none", "reveal-delay-1", "bonds-penalty", "registration-burn-10"]);
    // With no defence it is the search's own fresh-seed value (the same runs, read back).
    expect(rows.none.gain).toBe(summary.fresh?.values[0].value);
    expect(rows.none.honestUnderAttackChange).toBe(0);
    // The bonds penalty is already at its strongest by default: listed, not run.
    expect(rows["bonds-penalty"]).toMatchObject({ gain: null, seeds: 0 });
    expect(rows["bonds-penalty"].note).toMatch(/already 1/);
    // A registration burn of 10 per UID costs the attacker's UIDs at least 10 each.
    expect(rows["registration-burn-10"].profit as number).toBeLessThan((rows.none.profit as number) - 10);
    for (const x of [rows.none, rows["reveal-delay-1"], rows["registration-burn-10"]])
      expect(x).toMatchObject({ seeds: 1, failed: 0 });
    const csv = parseCsv(await readFile(join(optimizer, "defences.csv"), "utf8"));
    expect(csv.map((x) => x.defence)).toEqual(Object.keys(rows));
    expect(await readFile(join(optimizer, "defences.html"), "utf8")).toContain("defence-gain");
  }, 600_000);
});
