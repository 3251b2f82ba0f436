import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { parse } from "yaml";
import { checkJson } from "../sim/check/checkJson.ts";
import { checkJunit } from "../sim/check/checkJunit.ts";
import type { FailingCase } from "../sim/check/failingCase.ts";
import { readFailures } from "../sim/check/failureStore.ts";
import { formatCheckSummary } from "../sim/check/formatCheckSummary.ts";
import { githubAnnotations } from "../sim/check/githubAnnotations.ts";
import { replayCase } from "../sim/check/replayCase.ts";
import { type CheckReport, runCheck } from "../sim/check/runCheck.ts";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "bin", "crucible.mjs");
const FAILING = join(ROOT, "test", "fixtures", "check", "failing");
const XSD = join(ROOT, "test", "fixtures", "check", "junit.xsd");

function crucible(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A deliberately failing check of a small real subnet (in-memory protocol, real tfjs): one check,
// shrunk and replayed. The shrink is bounded by attempts, not time, so it ends in the same place.
describe("crucible check: a failing invariant, shrunk and replayed", () => {
  let tmp: string;
  let report: CheckReport;
  let casePath: string;
  let failingCase: FailingCase;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "crucible-check-"));
    report = await runCheck(FAILING, {
      outDir: join(tmp, "runs"),
      stateDir: join(tmp, "state"),
      shrinkBudgetMs: 30 * 60_000,
      shrinkAttempts: 30,
    });
    casePath = join(tmp, "state", "cases", "reverted-seed7-inv3.case.json");
    failingCase = JSON.parse(await readFile(casePath, "utf8"));
  }, 600_000);

  it("fails naming the scenario, seed, epoch and values", () => {
    expect(report.passed).toBe(false);
    const [target] = report.targets;
    expect(target.seeds).toEqual([7]);
    expect(target.results.map((r) => [r.kind, r.status])).toEqual([
      ["builtin", "pass"],
      ["run", "pass"],
      ["run", "skip"],
      ["epoch", "fail"],
    ]);
    expect(target.results[3].failure).toMatchObject({ seed: 7, epoch: 1, left: 0, right: 99 });
    const summary = formatCheckSummary(report);
    expect(summary).toContain("FAIL reverted");
    expect(summary).toContain(
      "✗ [epoch] after epoch 1: reverted == 99 — seed 7: epoch 1: 0 == 99 is false (seed 7)",
    );
    expect(summary).toMatch(/shrunk to 2 epochs, 2 agents \(from 4, 6\): crucible replay .*inv3\.case\.json/);
    expect(summary).toMatch(/check failed: 1 of 1 scenario\(s\)$/);
  });

  it("shrinks to the failing epoch, the fewest agents, and writes a runnable scenario", async () => {
    expect(failingCase.shrunk).toMatchObject({ epochs: 2, agents: 2, budgetSpent: false });
    expect(failingCase.shrunk.steps).toEqual([
      "epochs 4 → 2",
      "miners[0] removed",
      "miners[0].count 2 → 1",
      "validators[0].count 2 → 1",
    ]);
    expect(failingCase.from).toMatchObject({ epochs: 4, agents: 6 });
    expect(failingCase.expected).toMatchObject({ epoch: 1, left: 0, right: 99 });
    expect(failingCase.expected.resultsHash).toMatch(/^[0-9a-f]{64}$/);
    const scenario = parse(
      await readFile(join(tmp, "state", "cases", failingCase.scenario), "utf8"),
    ) as Record<string, unknown>;
    expect(scenario).toMatchObject({
      name: "small-subnet",
      seed: 7,
      epochs: 2,
      population: { miners: [{ tier: "random", count: 1 }], validators: [{ count: 1, stake: 1000 }] },
      chain: { backend: "memory" },
    });
    // Persisted: the next check runs this seed first and knows its case.
    const stored = await readFailures(join(tmp, "state"));
    expect(stored).toEqual([
      expect.objectContaining({ seed: 7, invariant: "after epoch 1: reverted == 99", epoch: 1, casePath }),
    ]);
  });

  it("crucible replay reproduces the failure bit for bit: same tables, same violated value", async () => {
    const r = await replayCase(casePath, { outDir: join(tmp, "replay") });
    expect(r.status).toBe("reproduced");
    expect(r.differences).toEqual([]);
    expect(r.observed).toEqual(failingCase.expected);
    expect(r.run.resultsHash).toBe(failingCase.expected.resultsHash);

    const cli = crucible("replay", casePath, "--out", join(tmp, "replay-cli"));
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(
      "reproduced bit for bit: after epoch 1: reverted == 99 on reverted-seed7-inv3.scenario.yaml (seed 7)",
    );
    expect(cli.stderr).toContain("CRUCIBLE_CHECK_FAILED");
  });

  it("crucible replay says when a case diverges from its record, or passes now", async () => {
    const diverged = join(tmp, "state", "cases", "diverged.case.json");
    await writeFile(
      diverged,
      JSON.stringify({ ...failingCase, expected: { ...failingCase.expected, resultsHash: "0".repeat(64) } }),
    );
    const d = crucible("replay", diverged, "--out", join(tmp, "replay-cli"));
    expect(d.code).toBe(1);
    expect(d.stderr).toContain("diverged: after epoch 1: reverted == 99");
    expect(d.stderr).toContain(`resultsHash: ${"0".repeat(64)} → ${failingCase.expected.resultsHash}`);
    expect(d.stderr).toContain("CRUCIBLE_REPLAY_DIVERGED");

    const fixed = join(tmp, "state", "cases", "fixed.case.json");
    await writeFile(fixed, JSON.stringify({ ...failingCase, invariant: "after epoch 1: reverted == 0" }));
    const f = crucible("replay", fixed, "--out", join(tmp, "replay-cli"));
    expect(f.code, f.stderr).toBe(0);
    expect(f.stdout).toContain("passes: after epoch 1: reverted == 0");

    const bad = crucible("replay", join(tmp, "nowhere.case.json"));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("nowhere.case.json: not a readable case file");
  });

  it("writes JUnit XML that validates against the JUnit schema, with the failure and the skip", async () => {
    const xml = checkJunit(report);
    const result = await validateXML({
      xml: { fileName: "check.xml", contents: xml },
      schema: { fileName: "junit.xsd", contents: readFileSync(XSD, "utf8") },
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml).toContain('<testsuites tests="4" failures="1" errors="0" skipped="1">');
    expect(xml).toMatch(
      /<failure message="scenario .*small-subnet\.yaml, seed 7, epoch 1: epoch 1: 0 == 99 is false/,
    );
    expect(xml).toContain("crucible replay ");
    // The schema does reject what CI readers reject (a test case without a name).
    const broken = await validateXML({
      xml: {
        fileName: "broken.xml",
        contents: xml.replace(/<testcase classname="[^"]*" name="[^"]*"/, "<testcase"),
      },
      schema: { fileName: "junit.xsd", contents: readFileSync(XSD, "utf8") },
    });
    expect(broken.valid).toBe(false);
  });

  it("writes JSON and GitHub annotations pointing at the invariant's line", () => {
    const json = JSON.parse(checkJson(report));
    expect(json.passed).toBe(false);
    expect(json.targets[0].runs[0].metrics.epochs).toBe(4);
    expect(githubAnnotations(report)).toEqual([
      `::error file=${join(FAILING, "reverted.yaml")},line=9,title=crucible check%3A reverted::after epoch 1: reverted == 99 failed (seed 7, epoch 1): epoch 1: 0 == 99 is false (seed 7)`,
    ]);
  });
});
