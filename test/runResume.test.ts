import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRunFolder } from "../sim/run/readRunFolder.ts";
import { readRunProgress } from "../sim/run/runProgressFile.ts";

/**
 * `crucible run` as a user runs it, stopped mid-run the hard ways (kill -9, Ctrl-C) and resumed with
 * `crucible run --resume`: no finished epoch is lost, the stopped folder reads back and reports as a
 * partial run, and the resumed run's tables and resultsHash are those of a run never stopped.
 * The scenario has stateful strategies (copycat, adaptive), a reveal delay (pending commits) and
 * joiners, so that every piece of carried state is exercised.
 */
const CLI = join(import.meta.dirname, "..", "bin", "crucible.mjs");
const SCENARIO = `name: resumable
seed: 11
epochs: 12
population:
  miners:
    - { tier: random, count: 3 }
    - { tier: random, count: 1, strategy: copycat }
    - { tier: random, count: 1, strategy: adaptive }
    - { tier: random, count: 1, joinEpoch: 4 }
  validators: [{ count: 2, stake: 10 }]
chain: { backend: memory }
protocol: { revealDelayEpochs: 1 }
`;

async function scenarioFile(): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), "crucible-resume-"));
  const file = join(dir, "scenario.yaml");
  writeFileSync(file, SCENARIO);
  return { dir, file };
}

interface RunJson {
  runDir: string;
  resultsHash: string;
}

function cliJson(args: string[]): RunJson {
  const r = spawnSync(process.execPath, [CLI, ...args, "--json", "--quiet", "--no-charts"], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`crucible ${args.join(" ")} exited ${r.status}:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "") as RunJson;
}

/** Starts a run and resolves once its stderr reports `epoch` finished. */
async function startUntil(args: string[], epoch: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, ...args, "--no-charts"], { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  const exited = once(child, "exit");
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on("data", (d) => {
      err += d;
      if (new RegExp(`epoch ${epoch} \\(`).test(err)) resolve();
    });
    void exited.then(() => reject(new Error(`the run ended before epoch ${epoch}:\n${err}`)));
  });
  return child;
}

/** A table without its run_id column (the folder name, which differs between two runs). */
function withoutRunId(path: string): string {
  return readFileSync(path, "utf8")
    .split("\n")
    .map((line) => line.slice(line.indexOf(",") + 1))
    .join("\n");
}

const RESULT_TABLES = ["epochs.csv", "agent_epochs.csv", "agents.csv", "transactions.csv", "choices.csv"];

function expectSameTables(a: string, b: string): void {
  for (const name of RESULT_TABLES) {
    expect(existsSync(join(b, name)), name).toBe(existsSync(join(a, name)));
    if (existsSync(join(a, name)))
      expect(withoutRunId(join(b, name)), name).toBe(withoutRunId(join(a, name)));
  }
}

const onlyEntry = (dir: string) => {
  const entries = readdirSync(dir);
  expect(entries).toHaveLength(1);
  return join(dir, entries[0]);
};

describe("streamed tables, checkpoints and --resume", () => {
  it("kill -9 after epochs 2 and 7: every finished epoch kept and readable; resumed runs equal the uninterrupted one", async () => {
    const { dir, file } = await scenarioFile();
    const whole = cliJson(["run", file, "--out", join(dir, "whole"), "--checkpoint-every", "2"]);
    for (const killAfter of [2, 7]) {
      const out = join(dir, `killed-${killAfter}`);
      const child = await startUntil(["run", file, "--out", out, "--checkpoint-every", "2"], killAfter);
      child.kill("SIGKILL");
      await once(child, "exit");
      const partial = onlyEntry(out);
      expect(partial).toMatch(/\.partial$/);
      const progress = readRunProgress(partial);
      expect(progress?.epochsDone).toBeGreaterThanOrEqual(killAfter + 1);
      // The same readers read every finished epoch back (up to what progress.json says).
      const read = await readRunFolder(partial);
      expect(read.partial?.epochsDone).toBe(progress?.epochsDone);
      expect(read.tables.epochs.map((e) => e.epoch)).toEqual([...Array(progress?.epochsDone).keys()]);
      expect(read.tables.agentEpochs.length).toBeGreaterThan(0);
      const resumed = cliJson(["run", "--resume", partial]);
      expect(resumed.resultsHash).toBe(whole.resultsHash);
      expect(resumed.runDir).toMatch(/resumable-11-\d{8}T\d{6}Z$/);
      expectSameTables(whole.runDir, resumed.runDir);
      // From the latest checkpoint before the kill (every 2 epochs: after epochs 1, 3, 5, ...).
      const from = JSON.parse(readFileSync(join(resumed.runDir, "manifest.json"), "utf8")).continuedFrom
        .afterEpoch;
      expect(from % 2).toBe(1);
      expect(from).toBeGreaterThanOrEqual(killAfter - 1);
    }
  });

  it("Ctrl-C: the folder is marked failed with its epochs; crucible report shows a partial-run banner; --resume finishes it", async () => {
    const { dir, file } = await scenarioFile();
    const out = join(dir, "runs");
    const child = await startUntil(["run", file, "--out", out, "--checkpoint-every", "3"], 5);
    child.kill("SIGINT");
    await once(child, "exit");
    const failed = onlyEntry(out);
    expect(failed).toMatch(/\.failed$/);
    const report = spawnSync(process.execPath, [CLI, "report", failed], { encoding: "utf8" });
    expect(report.status, report.stderr).toBe(0);
    const html = readFileSync(join(failed, "report.html"), "utf8");
    expect(html).toMatch(/Partial run: \d+ of 12 epochs finished/);
    const whole = cliJson(["run", file, "--out", join(dir, "whole")]);
    const resumed = cliJson(["run", "--resume", failed]);
    expect(resumed.resultsHash).toBe(whole.resultsHash);
    expectSameTables(whole.runDir, resumed.runDir);
  });

  it("a corrupted or version-mismatched checkpoint is refused with a clear error and nothing is changed", async () => {
    const { dir, file } = await scenarioFile();
    const out = join(dir, "runs");
    const child = await startUntil(["run", file, "--out", out, "--checkpoint-every", "2"], 6);
    child.kill("SIGINT");
    await once(child, "exit");
    const failed = onlyEntry(out);
    const checkpoints = join(failed, "checkpoints");
    const latest = join(checkpoints, readdirSync(checkpoints).sort().at(-1) ?? "");
    const original = readFileSync(latest);
    const sizes = () => readdirSync(failed).map((f) => [f, statSync(join(failed, f)).size]);
    const before = sizes();
    const corrupted = Buffer.from(original);
    corrupted[corrupted.length - 5] ^= 0xff;
    writeFileSync(latest, corrupted);
    const refuse = (pattern: RegExp) => {
      const r = spawnSync(process.execPath, [CLI, "run", "--resume", failed], { encoding: "utf8" });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).toContain("CRUCIBLE_CHECKPOINT_INVALID");
      expect(readdirSync(out)).toEqual([failed.split("/").at(-1)]);
      expect(sizes()).toEqual(before);
    };
    refuse(/corrupted: its content does not match its sha256/);
    const text = original.toString("latin1");
    writeFileSync(latest, Buffer.from(text.replace('"version":1,', '"version":99,'), "latin1"));
    refuse(/checkpoint format version 99; this Crucible reads version 1/);
  });
});
