import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRunFolder } from "../sim/run/readRunFolder.ts";
import { readRunProgress } from "../sim/run/runProgressFile.ts";

/** `crucible fork`: a what-if from any epoch of a finished run, against its parent. */
const CLI = join(import.meta.dirname, "..", "bin", "crucible.mjs");
const SCENARIO = `name: forkable
seed: 5
epochs: 10
population:
  miners:
    - { tier: random, count: 3 }
    - { tier: random, count: 1, strategy: copycat }
  validators: [{ count: 2, stake: 10 }]
chain: { backend: memory }
`;

function cliJson(args: string[]): { runDir: string; resultsHash: string } {
  const r = spawnSync(process.execPath, [CLI, ...args, "--json", "--quiet", "--no-charts"], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`crucible ${args.join(" ")} exited ${r.status}:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "");
}

describe("crucible fork", () => {
  it("with no change reproduces its parent exactly; with a change, it diverges from the fork epoch only", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-fork-"));
    const file = join(dir, "scenario.yaml");
    writeFileSync(file, SCENARIO);
    // Checkpoints every 3 epochs (after 2 and 5): a fork at 5 replays epoch 3..4 from the one after 2.
    const parent = cliJson(["run", file, "--out", join(dir, "runs"), "--checkpoint-every", "3"]);
    const same = cliJson(["fork", parent.runDir, "--at-epoch", "5"]);
    expect(same.resultsHash).toBe(parent.resultsHash);
    const progress = readRunProgress(same.runDir);
    expect(progress?.parent).toEqual({ runDir: parent.runDir, atEpoch: 5, set: [] });
    const manifest = JSON.parse(readFileSync(join(same.runDir, "manifest.json"), "utf8"));
    expect(manifest.continuedFrom).toEqual({
      afterEpoch: 4,
      parent: { runDir: parent.runDir, atEpoch: 5, set: [] },
    });

    const changed = cliJson([
      "fork",
      parent.runDir,
      "--at-epoch",
      "6",
      "--set",
      "chain.emissionPerEpoch=3000",
    ]);
    expect(changed.resultsHash).not.toBe(parent.resultsHash);
    const a = await readRunFolder(parent.runDir);
    const b = await readRunFolder(changed.runDir);
    const rows = (t: typeof a, epoch: number) => ({
      epoch: t.tables.epochs.find((e) => e.epoch === epoch),
      agents: t.tables.agentEpochs.filter((r) => r.epoch === epoch),
    });
    for (let epoch = 0; epoch < 6; epoch++) expect(rows(b, epoch), `epoch ${epoch}`).toEqual(rows(a, epoch));
    expect(b.tables.epochs[6].emission).toBeGreaterThan(a.tables.epochs[6].emission);
    expect(
      JSON.parse(readFileSync(join(changed.runDir, "scenario.resolved.json"), "utf8")).chain.emissionPerEpoch,
    ).toBe(3000);
  });

  it("refuses a population change and an epoch the parent has no state for", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-fork-"));
    const file = join(dir, "scenario.yaml");
    writeFileSync(file, SCENARIO);
    const parent = cliJson(["run", file, "--out", join(dir, "runs"), "--checkpoint-every", "4"]);
    const fork = (args: string[]) =>
      spawnSync(process.execPath, [CLI, "fork", parent.runDir, ...args], { encoding: "utf8" });
    const early = fork(["--at-epoch", "2"]);
    expect(early.status).not.toBe(0);
    expect(early.stderr).toMatch(/no checkpoint at or before epoch 1 \(it has epochs 3, 7\)/);
    const population = fork(["--at-epoch", "5", "--set", "population.validators[0].count=3"]);
    expect(population.status).not.toBe(0);
    expect(population.stderr).toMatch(/not the population/);
  });
});
