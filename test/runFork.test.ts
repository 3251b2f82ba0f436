import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
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
  let copycat: RunResult;

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
    ).rejects.toMatchObject({
      code: "CRUCIBLE_USAGE",
      message: expect.stringMatching(
        /population\.miners\[0\]|population\.validators\[0\]\.count cannot change/,
      ),
    });
  });

  const rows = (t: Awaited<ReturnType<typeof readRunFolder>>, epoch: number) => ({
    epoch: t.tables.epochs.find((e) => e.epoch === epoch),
    agents: t.tables.agentEpochs.filter((x) => x.epoch === epoch),
  });

  it("--scenario-patch adding a copycat operator: the parent's epochs before N exactly, the joiners from N on", async () => {
    const patch = join(dirname(parent.runDir), "..", "copycat-joins.yaml");
    writeFileSync(
      patch,
      `operators: [{ name: copycat-shop }]
population:
  miners: [{ tier: random, count: 2, strategy: copycat, operator: copycat-shop }]
protocol: { maxUids: 8 }
`,
    );
    const fork = await forkRun(parent.runDir, { atEpoch: 6, set: [], scenarioPatch: patch, charts: false });
    copycat = fork;
    const a = await readRunFolder(parent.runDir);
    const b = await readRunFolder(fork.runDir);
    for (let epoch = 0; epoch < 6; epoch++) expect(rows(b, epoch), `epoch ${epoch}`).toEqual(rows(a, epoch));
    for (let epoch = 6; epoch < 9; epoch++) {
      expect(rows(b, epoch), `epoch ${epoch}`).not.toEqual(rows(a, epoch));
      const joined = b.tables.agentEpochs.filter((x) => x.epoch === epoch && /^miner-[45]$/.test(x.agent));
      expect(joined, `epoch ${epoch}`).toHaveLength(2);
    }
    expect(b.tables.agentEpochs.some((x) => x.epoch < 6 && /^miner-[45]$/.test(x.agent))).toBe(false);
    expect(b.tables.operators?.map((o) => o.operator)).toContain("copycat-shop");
    const resolved = JSON.parse(readFileSync(join(fork.runDir, "scenario.resolved.json"), "utf8"));
    expect(resolved.population.miners.at(-1)).toMatchObject({ strategy: "copycat", joinEpoch: 6, count: 2 });
    expect(readRunProgress(fork.runDir)?.parent).toEqual({
      runDir: parent.runDir,
      atEpoch: 6,
      set: [],
      patch,
    });
    // Deterministic: the same fork twice is the same run.
    const again = await forkRun(parent.runDir, { atEpoch: 6, set: [], scenarioPatch: patch, charts: false });
    expect(again.resultsHash).toBe(fork.resultsHash);
  });

  it("crucible compare of the fork against its parent: epochs aligned, the divergence from N on, N marked on every time axis", async () => {
    const r = spawnSync(
      process.execPath,
      [CLI, "compare", parent.runDir, copycat.runDir, "--out", join(dirname(copycat.runDir), "cmp")],
      { encoding: "utf8" },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/B is a fork of A at epoch 6: identical through epoch 5, diverges from epoch 6/);
    const json = JSON.parse(readFileSync(join(dirname(copycat.runDir), "cmp", "compare.json"), "utf8"));
    expect(json.fork).toMatchObject({
      parent: "A",
      fork: "B",
      atEpoch: 6,
      firstDivergentEpoch: 6,
      identicalBeforeFork: true,
    });
    expect(json.fork.perEpoch.map((e: { identical: boolean }) => e.identical)).toEqual([
      ...Array(6).fill(true),
      ...Array(3).fill(false),
    ]);
    expect(json.fork.perEpoch[6].agentsOnOneSide).toBe(2);
    const html = readFileSync(join(dirname(copycat.runDir), "cmp", "compare.html"), "utf8");
    expect(html).toContain("B is a fork of A at epoch 6");
    expect(html).toContain("fork epoch 6");
    // The fork's own report: every per-epoch chart has the rule at 6.
    const specs = readdirSync(join(copycat.runDir, "charts")).filter((f) => f.endsWith(".vl.json"));
    const timeAxis = specs.filter((f) =>
      readFileSync(join(copycat.runDir, "charts", f), "utf8").includes('"field": "epoch"'),
    );
    expect(timeAxis.length).toBeGreaterThanOrEqual(4);
    for (const f of timeAxis)
      expect(readFileSync(join(copycat.runDir, "charts", f), "utf8"), f).toContain(
        '"description": "fork epoch 6"',
      );
  });

  it("a mechanism switch at N: the parent's epochs before N, the new mechanism's rewards from N on", async () => {
    const fork = await forkRun(parent.runDir, {
      atEpoch: 6,
      set: [{ path: "mechanism.name", value: "stake-weighted-mean" }],
      charts: false,
    });
    const a = await readRunFolder(parent.runDir);
    const b = await readRunFolder(fork.runDir);
    for (let epoch = 0; epoch < 6; epoch++) expect(rows(b, epoch), `epoch ${epoch}`).toEqual(rows(a, epoch));
    for (let epoch = 6; epoch < 9; epoch++)
      expect(rows(b, epoch).agents, `epoch ${epoch}`).not.toEqual(rows(a, epoch).agents);
  });

  it("refuses, naming the field, a change a fork cannot make, before writing anything", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-fork-refused-"));
    const patch = (name: string, text: string) => {
      const file = join(out, name);
      writeFileSync(file, text);
      return file;
    };
    const cases: [Parameters<typeof forkRun>[1], RegExp][] = [
      [
        { atEpoch: 6, set: [{ path: "task.kind", value: "forecasting" }] },
        /task\.kind cannot change at a fork/,
      ],
      [{ atEpoch: 6, set: [{ path: "seed", value: 6 }] }, /seed cannot change at a fork/],
      [
        { atEpoch: 6, set: [{ path: "population.miners[1].count", value: 2 }] },
        /population\.miners\[1\]\.count cannot change at a fork \(an existing group/,
      ],
      [
        {
          atEpoch: 6,
          set: [],
          scenarioPatch: patch("v.yaml", "population:\n  validators: [{ count: 1, stake: 5 }]\n"),
        },
        /population\.validators\[1\] cannot change at a fork \(validators hold the first slots/,
      ],
      [
        {
          atEpoch: 6,
          set: [],
          scenarioPatch: patch(
            "early.yaml",
            "population:\n  miners: [{ tier: random, count: 1, joinEpoch: 3 }]\n",
          ),
        },
        /population\.miners\[2\]\.joinEpoch: 3 is before the fork epoch 6/,
      ],
      [
        {
          atEpoch: 6,
          set: [{ path: "chain.backend", value: "anvil" }],
          scenarioPatch: patch("m.yaml", "population:\n  miners: [{ tier: random, count: 1 }]\n"),
        },
        /chain\.backend cannot change at a fork/,
      ],
      [
        {
          atEpoch: 6,
          set: [],
          scenarioPatch: patch("bad.yaml", "population:\n  miners: [{ tier: godlike, count: 1 }]\n"),
        },
        /bad\.yaml: population\.miners\[2\]\.tier/,
      ],
      [
        { atEpoch: 6, set: [], scenarioPatch: join(out, "missing.yaml") },
        /missing\.yaml: scenario patch not found/,
      ],
    ];
    for (const [options, message] of cases)
      await expect(forkRun(parent.runDir, { ...options, outDir: out }), String(message)).rejects.toThrow(
        message,
      );
    expect(readdirSync(out).filter((f) => !f.endsWith(".yaml"))).toEqual([]);
    // An Anvil parent (its record only: the refusal comes before any chain starts): no new agents,
    // no deployed parameter.
    const anvilParent = join(out, "anvil-parent");
    mkdirSync(anvilParent);
    writeFileSync(join(anvilParent, "progress.json"), readFileSync(join(parent.runDir, "progress.json")));
    const resolved = JSON.parse(readFileSync(join(parent.runDir, "scenario.resolved.json"), "utf8"));
    resolved.chain.backend = "anvil";
    writeFileSync(join(anvilParent, "scenario.resolved.json"), JSON.stringify(resolved));
    await expect(
      forkRun(anvilParent, {
        atEpoch: 6,
        set: [],
        scenarioPatch: patch("one.yaml", "population:\n  miners: [{ tier: random, count: 1 }]\n"),
        outDir: out,
      }),
    ).rejects.toThrow(/population\.miners\[2\]: adding agents at a fork needs chain\.backend memory/);
    await expect(
      forkRun(anvilParent, { atEpoch: 6, set: [{ path: "protocol.immunityEpochs", value: 3 }], outDir: out }),
    ).rejects.toThrow(/protocol\.immunityEpochs cannot change at a fork \(on anvil/);
    expect(readdirSync(out).filter((f) => !f.endsWith(".yaml"))).toEqual(["anvil-parent"]);
  });
});
