import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { forkRun } from "../sim/forkRun.ts";
import { readRunFolder } from "../sim/run/readRunFolder.ts";
import { readRunProgress } from "../sim/run/runProgressFile.ts";
import { type RunResult, runScenario } from "../sim/runScenario.ts";

/** `crucible fork`: a what-if from any epoch of a finished run, against its parent. */
const CLI = join(import.meta.dirname, "..", "bin", "crucible.mjs");
const SCENARIO = `name: forkable
seed: 5
epochs: 9
population:
  miners:
    - { tier: random, count: 3 }
    - { tier: random, count: 1, strategy: copycat }
  validators: [{ count: 2, stake: 10 }]
chain: { backend: memory }
`;

describe("crucible fork", () => {
  let parent: RunResult;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-fork-"));
    const file = join(dir, "scenario.yaml");
    writeFileSync(file, SCENARIO);
    // Checkpoints every 3 epochs: after epochs 2 and 5.
    parent = await runScenario({
      scenarioPath: file,
      outDir: join(dir, "runs"),
      charts: false,
      checkpointEvery: 3,
    });
  });

  it("with no change, from a checkpoint two epochs back (replayed), reproduces its parent exactly", async () => {
    const same = await forkRun(parent.runDir, { atEpoch: 5, set: [], charts: false });
    expect(same.resultsHash).toBe(parent.resultsHash);
    expect(readRunProgress(same.runDir)?.parent).toEqual({ runDir: parent.runDir, atEpoch: 5, set: [] });
    const manifest = JSON.parse(readFileSync(join(same.runDir, "manifest.json"), "utf8"));
    expect(manifest.continuedFrom).toEqual({
      afterEpoch: 4,
      parent: { runDir: parent.runDir, atEpoch: 5, set: [] },
    });
  });

  it("crucible fork --set: the epochs before the fork epoch are the parent's, the change shows from it on", async () => {
    const r = spawnSync(
      process.execPath,
      [
        CLI,
        "fork",
        parent.runDir,
        "--at-epoch",
        "6",
        "--set",
        "chain.emissionPerEpoch=3000",
        "--json",
        "--quiet",
        "--no-charts",
      ],
      { encoding: "utf8" },
    );
    expect(r.status, r.stderr).toBe(0);
    const changed = JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "") as {
      runDir: string;
      resultsHash: string;
    };
    expect(changed.resultsHash).not.toBe(parent.resultsHash);
    const a = await readRunFolder(parent.runDir);
    const b = await readRunFolder(changed.runDir);
    const rows = (t: typeof a, epoch: number) => ({
      epoch: t.tables.epochs.find((e) => e.epoch === epoch),
      agents: t.tables.agentEpochs.filter((x) => x.epoch === epoch),
    });
    for (let epoch = 0; epoch < 6; epoch++) expect(rows(b, epoch), `epoch ${epoch}`).toEqual(rows(a, epoch));
    for (let epoch = 6; epoch < 9; epoch++)
      expect(b.tables.epochs[epoch].emission).toBeGreaterThan(a.tables.epochs[epoch].emission);
    expect(
      JSON.parse(readFileSync(join(changed.runDir, "scenario.resolved.json"), "utf8")).chain.emissionPerEpoch,
    ).toBe(3000);
    expect(
      JSON.parse(readFileSync(join(changed.runDir, "manifest.json"), "utf8")).continuedFrom.parent,
    ).toEqual({
      runDir: parent.runDir,
      atEpoch: 6,
      set: ["chain.emissionPerEpoch=3000"],
    });
  });

  it("refuses an epoch without a checkpoint at or before it, and a population change", async () => {
    await expect(forkRun(parent.runDir, { atEpoch: 2, set: [] })).rejects.toMatchObject({
      code: "CRUCIBLE_CHECKPOINT_INVALID",
      message: expect.stringMatching(/no checkpoint at or before epoch 1 \(it has epochs 2, 5\)/),
    });
    await expect(
      forkRun(parent.runDir, { atEpoch: 5, set: [{ path: "population.validators[0].count", value: 3 }] }),
    ).rejects.toMatchObject({ code: "CRUCIBLE_USAGE", message: expect.stringMatching(/not the population/) });
  });
});
