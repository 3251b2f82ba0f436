import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../sim/run/toCsv.ts";
import { runScenario } from "../sim/runScenario.ts";

const QUICKSTART = join(import.meta.dirname, "..", "scenarios", "quickstart.yaml");

describe("validators that query a subset of the miners", () => {
  it("reveal rows for their subset only, with no reverts, and reward still follows quality", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-subsets-"));
    const overrides = {
      population: {
        miners: [
          { tier: "expert", count: 4 },
          { tier: "average", count: 4 },
          { tier: "poor", count: 4 },
          { tier: "random", count: 4 },
        ],
        validators: [{ count: 4, stake: 1000, minersPerEpoch: 8 }],
      },
      chain: { backend: "memory" }, // an engine test: the in-memory protocol (differentially tested)
    };
    const run = await runScenario({ scenarioPath: QUICKSTART, epochs: 6, outDir: out, overrides });
    const txs = parseCsv(readFileSync(join(run.runDir, "transactions.csv"), "utf8"));
    expect(txs.filter((t) => t.status === "reverted")).toEqual([]);
    for (const e of run.tables.epochs) expect(e.reveals).toBe(4);
    // Each validator scored 8 of 16 miners: a miner's score is the mean over the validators that
    // queried it, so every miner was scored by someone over 6 epochs.
    const scored = run.tables.agentEpochs.filter((r) => r.role === "miner" && Number.isFinite(r.score));
    expect(new Set(scored.map((r) => r.agent)).size).toBe(16);
    const tier = (t: string) =>
      run.tables.agents.filter((a) => a.tier === t).reduce((s, a) => s + a.totalReward, 0);
    expect(tier("expert")).toBeGreaterThan(tier("random"));
    const all = await runScenario({
      scenarioPath: QUICKSTART,
      epochs: 6,
      outDir: out,
      overrides: {
        ...overrides,
        population: { ...overrides.population, validators: [{ count: 4, stake: 1000 }] },
      },
    });
    expect(all.resultsHash).not.toBe(run.resultsHash);
  });
});
