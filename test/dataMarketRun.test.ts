import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../sim/run/toCsv.ts";
import { type RunResult, runScenario } from "../sim/runScenario.ts";

/**
 * The data-market scenario end to end at a reduced size, on the contracts (Anvil) and in memory:
 * the same result tables (gas apart) and data-market tables, the same supply books (the market's
 * escrow and the providers' tokens counted), purchases that settle exactly, and the same results
 * hash for the same seed.
 */
const SCENARIO = join(import.meta.dirname, "..", "scenarios", "data-market", "clean-noisy-poisoned.yaml");
const FILES = ["epochs.csv", "agents.csv", "dataPurchases.csv", "dataProviders.csv", "dataQuality.csv"];

async function run(backend: "anvil" | "memory"): Promise<RunResult> {
  return runScenario({
    scenarioPath: SCENARIO,
    epochs: 4,
    outDir: await mkdtemp(join(tmpdir(), "crucible-data-market-")),
    charts: false,
    overrides: {
      chain: { backend },
      population: { miners: [{ tier: "poor", count: 4 }], validators: [{ count: 2, stake: 1000 }] },
      dataMarket: { trainEvery: 2, rounds: 2, freeRiders: 1 },
    },
  });
}

const withoutGas = (dir: string, file: string) =>
  parseCsv(readFileSync(join(dir, file), "utf8")).map((row) => {
    const { gasUsed: _gas, run_id: _id, ...rest } = row;
    return rest;
  });

describe("data-market scenario", () => {
  it("runs on Anvil and in memory alike, and settles every purchase exactly", async () => {
    const anvil = await run("anvil");
    const memory = await run("memory");
    for (const file of FILES)
      expect(withoutGas(memory.runDir, file), file).toEqual(withoutGas(anvil.runDir, file));
    expect(memory.supplyBooks).toEqual(anvil.supplyBooks);
    const { dataPurchases = [], dataProviders = [], dataQuality = [] } = anvil.tables;
    const settled = dataPurchases.filter((p) => p.status === "settled");
    expect(settled.length).toBeGreaterThan(0);
    // Revenue read from the contract = settled prices less the 2.5 % fee, provider by provider.
    for (const p of dataProviders) {
      const paid = settled.filter((s) => s.provider === p.provider).reduce((s, x) => s + x.price, 0);
      expect(p.revenue, p.provider).toBeCloseTo(paid * 0.975, 9);
      expect(p.sales).toBe(settled.filter((s) => s.provider === p.provider).length);
    }
    // Two rounds of four miners; training moved the models away from the shared base.
    expect(dataQuality).toHaveLength(8);
    const accuracies = new Set(dataQuality.map((q) => q.heldoutAccuracy));
    expect(accuracies.size).toBeGreaterThan(1);
    expect(dataQuality.every((q) => q.shards === q.cleanShards + q.noisyShards + q.poisonedShards)).toBe(
      true,
    );
    // The agents' true quality is the trained models'.
    const last = dataQuality.filter((q) => q.round === 1);
    for (const q of last) {
      expect(anvil.tables.agents.find((a) => a.agent === q.agent)?.trueQuality).toBeCloseTo(
        q.heldoutAccuracy,
        12,
      );
    }
    // The free rider (the last miner) buys nothing and answers with the weights it copied.
    const rider = anvil.tables.agents.filter((a) => a.role === "miner").at(-1)?.agent;
    expect(dataPurchases.some((p) => p.buyer === rider)).toBe(false);
    for (const q of dataQuality.filter((r) => r.agent === rider)) {
      expect(q.dataSpent).toBe(0);
      const source = dataQuality.find((r) => r.round === q.round && r.agent === q.copiedFrom);
      expect(source?.heldoutAccuracy, `round ${q.round}`).toBe(q.heldoutAccuracy);
    }
    expect(dataQuality.filter((r) => r.agent !== rider).every((r) => r.copiedFrom === "")).toBe(true);
    const again = await run("memory");
    expect(again.resultsHash).toBe(memory.resultsHash);
  });
});
