import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCheck } from "../sim/check/runCheck.ts";
import { runSeedsInProcesses } from "../sim/check/runSeedsInProcesses.ts";

const PASSING = join(import.meta.dirname, "fixtures", "check", "passing");

describe("crucible check --workers: seeds on the sweep's pool of processes", () => {
  it("gives the same runs, seed for seed, as running them one after another in this process", async () => {
    const tmp = await mkdtemp(join(tmpdir(), "crucible-check-workers-"));
    const options = (name: string) => ({ outDir: join(tmp, name), stateDir: join(tmp, `${name}-state`) });
    const inProcess = await runCheck(PASSING, options("seq"));
    const pooled = await runCheck(PASSING, { ...options("pool"), runSeeds: runSeedsInProcesses(2) });
    const runs = (r: typeof inProcess) => r.targets[0].runs.map(({ runDir: _, ...run }) => run);
    expect(runs(pooled).map((r) => r.seed)).toEqual([7, 8]);
    expect(runs(pooled)[0].resultsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(runs(pooled)).toEqual(runs(inProcess));
    expect(pooled.passed).toBe(true);
  });
});
