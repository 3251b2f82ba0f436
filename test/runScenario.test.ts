import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type RunResult, runScenario } from "../sim/runScenario.ts";

const QUICKSTART = join(import.meta.dirname, "..", "scenarios", "quickstart.yaml");
const CLI = join(import.meta.dirname, "..", "bin", "crucible.mjs");
const RESULT_TABLES = ["epochs.csv", "agent_epochs.csv", "agents.csv", "transactions.csv"];

describe("crucible run, end to end on real Anvil, contracts and tfjs", () => {
  let out: string;
  let first: RunResult;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), "crucible-run-"));
    first = await runScenario({ scenarioPath: QUICKSTART, epochs: 4, outDir: out });
  });

  it("writes a complete run folder", () => {
    const files = readdirSync(first.runDir);
    for (const f of [
      ...RESULT_TABLES,
      "timings.csv",
      "manifest.json",
      "summary.json",
      "scenario.yaml",
      "scenario.resolved.json",
      "report.html",
    ]) {
      expect(files).toContain(f);
    }
    expect(readdirSync(out).filter((f) => f.includes("partial"))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(first.runDir, "manifest.json"), "utf8"));
    expect(manifest.status).toBe("complete");
    expect(manifest.seed).toBe(42);
    expect(manifest.inference).toMatchObject({ requested: "auto", backend: "wasm" });
    expect(manifest.inference.reason).toMatch(/^auto is wasm on every machine/);
    expect(manifest.resultsHash).toBe(first.resultsHash);
    expect(manifest.chain).toMatchObject({ backend: "anvil", client: expect.stringMatching(/anvil/i) });
    // The mechanism actually used, as resolved (defaults applied), and no deprecation warnings.
    expect(manifest.mechanism).toMatchObject({ name: "yuma", params: { yuma3: true } });
    expect(manifest.warnings).toEqual([]);
  });

  it("writes a report with the charts, as Vega-Lite specs and SVG too", () => {
    const html = readFileSync(first.reportPath, "utf8");
    const charts = readdirSync(join(first.runDir, "charts"));
    const specs = charts.filter((f) => f.endsWith(".vl.json"));
    expect(specs.length).toBeGreaterThanOrEqual(3);
    for (const spec of specs) {
      const name = spec.replace(".vl.json", "");
      expect(charts).toContain(`${name}.svg`);
      expect(readFileSync(join(first.runDir, "charts", `${name}.svg`), "utf8")).toContain("<svg");
      expect(html).toContain(name);
    }
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
  });

  it("pays each epoch's emission on-chain once validators hold permits, and the best miner more than the worst", () => {
    const epochs = first.tables.epochs;
    expect(epochs).toHaveLength(4);
    // Yuma's validator permits lag one epoch: nobody holds one in epoch 0, so nothing is paid.
    expect(epochs[0].emissionWei).toBe("0");
    for (const e of epochs) expect(e.reveals).toBe(4);
    for (const e of epochs.slice(1)) expect(e.emissionWei).toBe(String(1000n * 10n ** 18n));
    expect(epochs[3].supply - epochs[0].supply).toBeCloseTo(3000, 6);
    const miners = first.tables.agents.filter((a) => a.role === "miner");
    const best = miners.reduce((a, b) => (b.trueQuality > a.trueQuality ? b : a));
    const worst = miners.reduce((a, b) => (b.trueQuality < a.trueQuality ? b : a));
    expect(best.trueQuality).toBeGreaterThan(0.8);
    expect(best.totalReward).toBeGreaterThan(worst.totalReward);
    const paid = first.tables.agents.reduce((s, a) => s + a.totalReward, 0);
    expect(paid).toBeCloseTo(3000, 6);
  });

  it("gives byte-identical result tables for the same seed (but for the run_id column), and different ones for another seed", async () => {
    const again = await runScenario({ scenarioPath: QUICKSTART, epochs: 4, outDir: out });
    const withoutRunId = (dir: string, table: string) =>
      readFileSync(join(dir, table), "utf8").replaceAll(`${basename(dir)},`, "<run_id>,");
    for (const table of RESULT_TABLES) {
      expect(withoutRunId(again.runDir, table)).toBe(withoutRunId(first.runDir, table));
    }
    expect(again.resultsHash).toBe(first.resultsHash);
    const other = await runScenario({ scenarioPath: QUICKSTART, epochs: 4, outDir: out, seed: 43 });
    expect(other.resultsHash).not.toBe(first.resultsHash);
  });
});

describe("crucible run on Ctrl-C", () => {
  it("stops its Anvil, exits non-zero and leaves the run marked failed, not complete", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-sigint-"));
    const scenario = join(out, "long.yaml");
    await writeFile(
      scenario,
      readFileSync(QUICKSTART, "utf8")
        .replace("epochs: 20", "epochs: 500")
        .replace("name: quickstart", "name: long"),
    );
    const child = spawn(process.execPath, [CLI, "run", scenario, "--out", join(out, "runs")], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    const port = await new Promise<string>((resolve, reject) => {
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = /anvil at http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
        if (m && /epoch 1 \(/.test(stderr)) resolve(m[1]);
      });
      child.on("exit", () => reject(new Error(`exited before the first epoch:\n${stderr}`)));
    });
    expect(anvilOnPort(port)).toBe(true);
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).not.toBe(0);
    expect(anvilOnPort(port)).toBe(false);
    const runs = readdirSync(join(out, "runs"));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatch(/^long-42-\d{8}T\d{6}Z\.failed$/);
    expect(readFileSync(join(out, "runs", runs[0], "error.txt"), "utf8")).toMatch(/^interrupted by SIGINT/);
    expect(existsSync(join(out, "runs", runs[0], "report.html"))).toBe(false);
  });
});

function anvilOnPort(port: string): boolean {
  const ps = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" });
  return ps.split("\n").some((line) => line.includes("anvil") && line.includes(`--port ${port}`));
}
