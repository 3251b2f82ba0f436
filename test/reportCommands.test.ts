import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildChartSpecs } from "../reports/buildChartSpecs.ts";
import { computeHeadlineValues } from "../reports/computeHeadline.ts";
import { HEADLINE_DEFINITIONS } from "../reports/headline/headlineDefinitions.ts";
import { CrucibleError } from "../sim/errors/CrucibleError.ts";
import { readRunFolder } from "../sim/run/readRunFolder.ts";
import { type RunResult, runScenario } from "../sim/runScenario.ts";
import { writeAttackedCopy } from "./fixtures/reports/writeAttackedCopy.ts";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "bin", "crucible.mjs");
const THROUGHPUT = new Set(["inferencesPerSecond", "transactionsPerSecond"]);

function crucible(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}

describe("report and compare on a real run folder", () => {
  let tmp: string;
  let run: RunResult;
  let attacked: string;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "crucible-report-commands-"));
    run = await runScenario({
      scenarioPath: join(ROOT, "scenarios", "quickstart.yaml"),
      epochs: 3,
      outDir: tmp,
      overrides: { chain: { backend: "memory" } }, // the report's commands, not the chain
    });
    attacked = await writeAttackedCopy(run.runDir, join(tmp, "attacked"));
  });

  /** A scratch copy of the run folder, optionally with one file's text changed. */
  async function copyOfRun(name: string, edit?: { file: string; change: (text: string) => string }) {
    const dir = join(tmp, name);
    await cp(run.runDir, dir, { recursive: true });
    if (edit) await writeFile(join(dir, edit.file), edit.change(readFileSync(join(dir, edit.file), "utf8")));
    return dir;
  }

  it("reads the tables back exactly as the run recorded them", async () => {
    const back = await readRunFolder(run.runDir);
    expect(back.tables).toEqual(run.tables);
    expect(typeof back.tables.agents[0].stake).toBe("number");
    expect(back.title).toBe("quickstart (seed 42)");
    expect(back.manifest.seed).toBe(42);
    // The report shows the resolved scenario (defaults applied), not the file as written.
    expect(back.scenarioYaml).toMatch(/^# the resolved scenario/);
    expect(back.scenarioYaml).toContain("revealDelayEpochs: 0");
    expect(back.scenarioYaml).toContain("backend: memory");
    expect(back.wallTimeMs).toBeGreaterThan(0);
  });

  it("names the file, row and column of a missing or malformed table", async () => {
    const expectReportError = async (dir: string, pattern: RegExp) => {
      const error = await readRunFolder(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CrucibleError);
      expect((error as CrucibleError).code).toBe("CRUCIBLE_REPORT_FAILED");
      expect((error as Error).message).toMatch(pattern);
    };
    const missing = await copyOfRun("missing");
    await rm(join(missing, "agents.csv"));
    await expectReportError(missing, /missing\/agents\.csv: missing; a run folder holds/);
    const badCell = await copyOfRun("bad-cell", {
      file: "epochs.csv",
      // the second data row (epoch 1): run_id, scenario, seed, then epoch and 8 more columns, then reveals
      change: (t) => t.replace(/^((?:[^,]*,){3}1,(?:[^,]*,){8})\d+/m, "$1lots"),
    });
    await expectReportError(
      badCell,
      /bad-cell\/epochs\.csv: row 2, column "reveals": expected a number, got "lots"/,
    );
    const badRole = await copyOfRun("bad-role", {
      file: "agents.csv",
      change: (t) => t.replace(",miner,", ",minor,"),
    });
    await expectReportError(
      badRole,
      /agents\.csv: row \d+, column "role": expected one of miner\|validator, got "minor"/,
    );
    const noColumn = await copyOfRun("no-column", {
      file: "agent_epochs.csv",
      change: (t) => t.replace(",stake,", ","),
    });
    await expectReportError(noColumn, /agent_epochs\.csv: missing column "stake"/);
    await expectReportError(join(tmp, "nowhere"), /nowhere: run folder not found/);
  });

  it("crucible report rebuilds report.html and charts/ from the tables", async () => {
    const dir = await copyOfRun("rebuilt");
    const before = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"));
    await rm(join(dir, "report.html"));
    await rm(join(dir, "charts"), { recursive: true });
    const r = crucible("report", dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(join(dir, "report.html"));
    const html = readFileSync(join(dir, "report.html"), "utf8");
    const files = readdirSync(join(dir, "charts"));
    const { charts } = buildChartSpecs(run.tables);
    expect(charts.length).toBeGreaterThanOrEqual(7);
    for (const c of charts) {
      expect(html).toContain(`id="chart-${c.name}"`);
      for (const ext of [".vl.json", ".svg", ".png"]) expect(files).toContain(`${c.name}${ext}`);
    }
    const after = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"));
    for (const key of Object.keys(before)) {
      if (THROUGHPUT.has(key)) expect(after[key]).toBeCloseTo(before[key], -1);
      else expect(after[key], key).toEqual(before[key]);
    }
  });

  it("crucible compare writes compare.html and compare.json with every metric and the honest miners' loss", async () => {
    const out = join(tmp, "cmp");
    const r = crucible("compare", run.runDir, attacked, "--out", out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(join(out, "compare.html"));
    // One run per side: a difference but no verdict.
    expect(r.stderr).not.toContain("B is worse than A on:");
    expect(r.stderr).toMatch(/^adversaryRewardShare: B − A = [0-9.]+: one run per side: no verdict$/m);
    const json = JSON.parse(readFileSync(join(out, "compare.json"), "utf8"));
    expect(json.metrics.map((m: { key: string }) => m.key)).toEqual(HEADLINE_DEFINITIONS.map((d) => d.key));
    const a = computeHeadlineValues(run.tables);
    const b = computeHeadlineValues((await readRunFolder(attacked)).tables);
    const share = json.metrics.find((m: { key: string }) => m.key === "adversaryRewardShare");
    expect(share.a.estimate).toBe(0);
    expect(share.b.estimate).toBeCloseTo(b.adversaryRewardShare!, 12);
    const gini = json.metrics.find((m: { key: string }) => m.key === "giniMinerRewards");
    expect(gini.difference.estimate).toBeCloseTo(b.giniMinerRewards! - a.giniMinerRewards!, 12);
    expect(gini.relative).toBeCloseTo((b.giniMinerRewards! - a.giniMinerRewards!) / a.giniMinerRewards!, 12);
    // The attacked copy took half of every honest miner's reward before epoch 2.
    expect(json.honestLoss.pairs[0].loss.matchedMiners).toBe(12);
    expect(json.honestLoss.loss.estimate).toBeGreaterThan(0);
    expect(json.honestLoss.pairs[0].loss.recoveredAtEpoch).toBe(2);
    const html = readFileSync(join(out, "compare.html"), "utf8");
    for (const name of [
      "reward-vs-accuracy",
      "lorenz",
      "honest-reward",
      "adversary-share",
      "supply",
      "wall-time",
    ])
      expect(html).toContain(`id="chart-${name}"`);
    expect(html).toContain('id="honest-loss"');
  });

  it("crucible compare --fail-on exits 1 only when B is significantly worse on a named metric", async () => {
    // Two seeds per side, paired: A as run, B its attacked copy.
    const setA = join(tmp, "set-a");
    const setB = join(tmp, "set-b");
    await cp(run.runDir, join(setA, "s42"), { recursive: true });
    await writeAttackedCopy(run.runDir, join(setB, "s42"));
    const second = await runScenario({
      scenarioPath: join(ROOT, "scenarios", "quickstart.yaml"),
      seed: 43,
      epochs: 3,
      outDir: setA,
      overrides: { chain: { backend: "memory" } },
    });
    await writeAttackedCopy(second.runDir, join(setB, "s43"));
    const out = join(tmp, "cmp-set");
    const worse = crucible(
      "compare",
      setA,
      setB,
      "--out",
      out,
      "--fail-on",
      "gasPerEpoch,adversaryRewardShare",
    );
    expect(worse.code, worse.stderr).toBe(1);
    expect(worse.stderr).toMatch(/^adversaryRewardShare: B − A = .*, paired over 2 seeds: worse$/m);
    expect(worse.stderr).toContain("B is significantly worse than A on adversaryRewardShare (--fail-on)");
    expect(worse.stderr).toContain("CRUCIBLE_COMPARE_WORSE");
    expect(worse.stdout).toBe(join(out, "compare.html")); // written before failing
    // No gas on the memory protocol, an equal metric, or a metric that got better: exit 0.
    expect(crucible("compare", setA, setB, "--out", out, "--fail-on", "gasPerEpoch,epochs").code).toBe(0);
    expect(crucible("compare", setB, setA, "--out", out, "--fail-on", "adversaryRewardShare").code).toBe(0);
    const typo = crucible("compare", setA, setB, "--fail-on", "adversaryRewardShar");
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain("--fail-on: unknown metric adversaryRewardShar");
    expect(typo.stderr).toContain("CRUCIBLE_USAGE");
  });

  it("crucible compare says which folder it cannot read", () => {
    const r = crucible("compare", run.runDir, join(tmp, "nowhere"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("nowhere: run folder not found");
    expect(r.stderr).toContain("CRUCIBLE_REPORT_FAILED");
    expect(existsSync(join(tmp, `compare-${run.runDir.split("/").at(-1)}-vs-nowhere`))).toBe(false);
  });
});
