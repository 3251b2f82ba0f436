import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { rebuildReport } from "../reports/rebuildReport.ts";
import { resumeRun } from "../sim/resumeRun.ts";
import { readRunFolder } from "../sim/run/readRunFolder.ts";
import { readRunProgress } from "../sim/run/runProgressFile.ts";
import { runScenario } from "../sim/runScenario.ts";

/**
 * `crucible run` as a user runs it, stopped mid-run the hard ways (kill -9, Ctrl-C) and resumed with
 * `crucible run --resume`: no finished epoch is lost, the stopped folder reads back and reports as a
 * partial run, and the resumed run's tables and resultsHash are those of a run never stopped. The
 * scenario has stateful strategies (copycat, adaptive), a reveal delay (pending commits) and a
 * joiner, so that every piece of carried state is exercised. CRUCIBLE_RESUME_NIGHTLY=1 kills at
 * more epochs.
 */
const CLI = join(import.meta.dirname, "..", "bin", "crucible.mjs");
const EPOCHS = 10;
const SCENARIO = `name: resumable
seed: 11
epochs: ${EPOCHS}
population:
  miners:
    - { tier: random, count: 2 }
    - { tier: random, count: 1, strategy: copycat }
    - { tier: random, count: 1, strategy: adaptive }
    - { tier: random, count: 1, joinEpoch: 4 }
  validators: [{ count: 2, stake: 10 }]
chain: { backend: memory }
protocol: { revealDelayEpochs: 1 }
`;
/** [chain backend, epoch after which the run is killed]: on Anvil the checkpoint holds the chain
 * (anvil_dumpState), loaded into the fresh Anvil of the resumed run. */
const KILLS: [string, number][] = process.env.CRUCIBLE_RESUME_NIGHTLY
  ? [0, 1, 3, 4, 6, 8].flatMap((k): [string, number][] => [
      ["memory", k],
      ["anvil", k],
    ])
  : [
      ["memory", 4],
      ["anvil", 5],
    ];

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
      if (new RegExp(`\\bepoch ${epoch} \\(`).test(err)) resolve();
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

function expectSameTables(a: string, b: string): void {
  for (const name of ["epochs.csv", "agent_epochs.csv", "agents.csv", "transactions.csv", "choices.csv"]) {
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
  let dir: string;
  let file: string;
  let whole: { runDir: string; resultsHash: string };
  const wholeOn: Record<string, { runDir: string; resultsHash: string }> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "crucible-resume-"));
    file = join(dir, "scenario.yaml");
    writeFileSync(file, SCENARIO);
    for (const backend of new Set(KILLS.map(([b]) => b))) {
      wholeOn[backend] = await runScenario({
        scenarioPath: file,
        outDir: join(dir, `whole-${backend}`),
        overrides: { chain: { backend } },
        charts: false,
        checkpointEvery: 0,
      });
    }
    whole = wholeOn.memory;
  });

  it.each(KILLS)(
    "%s: kill -9 after epoch %i: every finished epoch kept and readable; the resumed run equals the uninterrupted one",
    async (backend, killAfter) => {
      const out = join(dir, `killed-${backend}-${killAfter}`);
      const child = await startUntil(
        ["run", file, "--out", out, "--chain", backend, "--checkpoint-every", "2"],
        killAfter,
      );
      child.kill("SIGKILL");
      await once(child, "exit");
      const partial = onlyEntry(out);
      expect(partial).toMatch(/\.partial$/);
      const progress = readRunProgress(partial);
      const done = progress?.epochsDone ?? 0;
      expect(done).toBeGreaterThanOrEqual(killAfter + 1);
      // The same readers read every finished epoch back (as far as progress.json says).
      const read = await readRunFolder(partial);
      expect(read.partial).toMatchObject({ epochsDone: done, epochs: EPOCHS });
      expect(read.tables.epochs.map((e) => e.epoch)).toEqual([...Array(done).keys()]);
      expect(new Set(read.tables.agentEpochs.map((r) => r.epoch))).toEqual(new Set(Array(done).keys()));
      const resumed = cliJson(["run", "--resume", partial]);
      expect(resumed.resultsHash).toBe(wholeOn[backend].resultsHash);
      expect(resumed.runDir).toMatch(/resumable-11-\d{8}T\d{6}Z$/);
      expectSameTables(wholeOn[backend].runDir, resumed.runDir);
      // From the latest checkpoint (one every 2 epochs: after epochs 1, 3, 5, 7), or genesis before one.
      const continued = JSON.parse(readFileSync(join(resumed.runDir, "manifest.json"), "utf8")).continuedFrom;
      if (done < 2) expect(continued).toBeUndefined();
      else {
        expect(continued.afterEpoch % 2).toBe(1);
        expect(continued.afterEpoch).toBeLessThan(done);
      }
    },
  );

  it("Ctrl-C: the folder is marked failed with its epochs; its report has a partial-run banner; a corrupted or version-mismatched checkpoint is refused, nothing changed; --resume finishes it", async () => {
    const out = join(dir, "interrupted");
    const child = await startUntil(["run", file, "--out", out, "--checkpoint-every", "2"], 5);
    child.kill("SIGINT");
    await once(child, "exit");
    const failed = onlyEntry(out);
    expect(failed).toMatch(/\.failed$/);
    expect(readFileSync(join(failed, "error.txt"), "utf8")).toMatch(/SIGINT/);

    // A copy, to break its checkpoint: refused before anything is touched.
    const copies = join(dir, "copies");
    const copy = join(copies, failed.split("/").at(-1) ?? "");
    cpSync(failed, copy, { recursive: true });
    const checkpoints = join(copy, "checkpoints");
    const latest = join(checkpoints, readdirSync(checkpoints).sort().at(-1) ?? "");
    const original = readFileSync(latest);
    const state = () => readdirSync(copy).map((f) => [f, statSync(join(copy, f)).size]);
    const before = state();
    const refused = async (pattern: RegExp) => {
      await expect(resumeRun(copy)).rejects.toMatchObject({
        code: "CRUCIBLE_CHECKPOINT_INVALID",
        message: expect.stringMatching(pattern),
      });
      expect(readdirSync(copies)).toEqual([copy.split("/").at(-1)]);
      expect(state()).toEqual(before);
    };
    const corrupted = Buffer.from(original);
    corrupted[corrupted.length - 5] ^= 0xff;
    writeFileSync(latest, corrupted);
    await refused(/corrupted: its content does not match its sha256/);
    writeFileSync(
      latest,
      Buffer.from(original.toString("latin1").replace('"version":2,', '"version":99,'), "latin1"),
    );
    await refused(/checkpoint format version 99; this Crucible reads versions 1 and 2/);

    // `crucible report` on the stopped run: its epochs, and a banner that says it is partial.
    const report = await rebuildReport(failed);
    const html = readFileSync(report.html, "utf8");
    expect(html).toMatch(/Partial run: [6-9] of 10 epochs finished/);
    expect(html).toContain("crucible run --resume");

    const resumed = await resumeRun(failed, { charts: false });
    expect(resumed.resultsHash).toBe(whole.resultsHash);
    expectSameTables(whole.runDir, resumed.runDir);
    expect(readFileSync(join(resumed.runDir, "report.html"), "utf8")).not.toContain("Partial run");
  });
});
