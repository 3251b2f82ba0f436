import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, symlink, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runningChainCount } from "../sim/chain/index.ts";
import { initInferenceBackend } from "../sim/inference/initInferenceBackend.ts";
import { ownedCount } from "../sim/lifecycle/processLifecycle.ts";
import { createRunFolder } from "../sim/run/runFolder.ts";
import { OWNER_FILE } from "../sim/run/stalePartials.ts";
import { runScenario } from "../sim/runScenario.ts";

const SCENARIO = `name: folders
seed: 3
epochs: 1
population:
  miners: [{ tier: random, count: 2 }]
  validators: [{ count: 1, stake: 10 }]
`;
const STARTED = new Date("2026-01-02T03:04:05.678Z");

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), "crucible-folder-"));
}

/** A pid that ran on this host and has ended (a finished child's). */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  }).stdout;
  return Number(pid);
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("run folders", () => {
  it("two runs of one scenario and seed started in the same second get two folders", async () => {
    const out = await scratch();
    const folders = await Promise.all([1, 2, 3].map(() => createRunFolder(out, "x", 1, STARTED)));
    expect(new Set(folders.map((f) => f.dir)).size).toBe(3);
    expect(folders.map((f) => f.finalDir).sort()).toEqual(
      ["x-1-20260102T030405Z", "x-1-20260102T030405Z-2", "x-1-20260102T030405Z-3"].map((n) => join(out, n)),
    );
    await Promise.all(folders.map((f, i) => f.write("who.txt", String(i))));
    await Promise.all(folders.map((f) => f.complete()));
    // A later run in the same second does not reuse a finished name, and no owner file is left.
    const later = await createRunFolder(out, "x", 1, STARTED);
    expect(later.finalDir).toBe(join(out, "x-1-20260102T030405Z-4"));
    for (const [i, f] of folders.entries()) {
      expect(readFileSync(join(f.finalDir, "who.txt"), "utf8")).toBe(String(i));
      expect(existsSync(join(f.finalDir, OWNER_FILE))).toBe(false);
    }
  });

  it("two concurrent runScenario calls in the same second write two complete folders", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(STARTED);
    const dir = await scratch();
    await writeFile(join(dir, "s.yaml"), SCENARIO);
    const run = () =>
      runScenario({
        scenarioPath: join(dir, "s.yaml"),
        outDir: join(dir, "runs"),
        overrides: { chain: { backend: "memory" } },
      });
    // tfjs's backend is per process and its first start is not safe to overlap: start it first.
    await initInferenceBackend();
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.runDir).not.toBe(b.runDir);
    expect((await readdir(join(dir, "runs"))).sort()).toEqual([
      "folders-3-20260102T030405Z",
      "folders-3-20260102T030405Z-2",
    ]);
    for (const r of [a, b]) {
      expect(JSON.parse(readFileSync(join(r.runDir, "manifest.json"), "utf8")).status).toBe("complete");
    }
    expect(a.resultsHash).toBe(b.resultsHash);
  }, 120_000);

  it.runIf(process.platform === "linux")(
    "a failed write of error.txt (a full disk) leaves no empty error.txt and still marks the folder failed",
    async () => {
      const out = await scratch();
      const folder = await createRunFolder(out, "full", 1, STARTED);
      // Both the file and its temporary name lead to /dev/full: every write fails with ENOSPC.
      await symlink("/dev/full", join(folder.dir, "error.txt"));
      await symlink("/dev/full", join(folder.dir, ".error.txt.tmp"));
      const failed = await folder.fail(new Error("the run broke"));
      expect(failed).toBe(`${folder.finalDir}.failed`);
      expect(existsSync(folder.dir)).toBe(false);
      expect(() => lstatSync(join(failed, "error.txt"))).toThrow(/ENOENT/);
      expect(await readdir(failed)).toEqual([]);
    },
  );

  it("marks failed a .partial folder whose owner died, and leaves a live one alone", async () => {
    const out = await scratch();
    const dead = join(out, ".old-1-20250101T000000Z.partial");
    const live = join(out, ".busy-1-20250101T000000Z.partial");
    for (const [dir, pid] of [
      [dead, deadPid()],
      [live, process.pid],
    ] as const) {
      await mkdir(dir);
      await writeFile(join(dir, OWNER_FILE), `${pid} ${hostname()}\n`);
      await writeFile(join(dir, "epochs.csv"), "epoch\n0\n");
    }
    const folder = await createRunFolder(out, "new", 1, STARTED);
    expect(folder.stale.map((s) => s.failedDir)).toEqual([join(out, "old-1-20250101T000000Z.failed")]);
    expect(readFileSync(join(out, "old-1-20250101T000000Z.failed", "error.txt"), "utf8")).toMatch(
      /^abandoned: /,
    );
    expect(readFileSync(join(out, "old-1-20250101T000000Z.failed", "epochs.csv"), "utf8")).toBe("epoch\n0\n");
    expect(existsSync(live)).toBe(true);
  });

  it("a run whose model building fails leaks no Anvil and nothing owned (the chain started beside it)", async () => {
    const dir = await scratch();
    await writeFile(join(dir, "s.yaml"), SCENARIO);
    await writeFile(join(dir, "not-a-dir"), "");
    vi.stubEnv("CRUCIBLE_CACHE_DIR", join(dir, "not-a-dir"));
    const error = await runScenario({ scenarioPath: join(dir, "s.yaml"), outDir: join(dir, "runs") }).catch(
      (e) => e,
    );
    expect(error.code).toBe("CRUCIBLE_INFERENCE_FAILED");
    expect(runningChainCount()).toBe(0);
    expect(ownedCount()).toBe(0);
    expect((await readdir(join(dir, "runs")))[0]).toMatch(/\.failed$/);
  }, 120_000);
});
