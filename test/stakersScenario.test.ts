import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../sim/run/toCsv.ts";
import { type RunResult, runScenario } from "../sim/runScenario.ts";
import { parseScenario } from "../sim/scenario/loadScenario.ts";

const SCENARIO = join(import.meta.dirname, "..", "scenarios", "stakers.yaml");
const RESULT_FILES = ["agents.csv", "agent_epochs.csv", "stake_moves.csv", "delegators.csv"];
const IGNORED = new Set(["gasUsed", "run_id"]);

function rows(runDir: string, file: string): Record<string, string>[] {
  return parseCsv(readFileSync(join(runDir, file), "utf8")).map((row) =>
    Object.fromEntries(Object.entries(row).filter(([column]) => !IGNORED.has(column))),
  );
}

async function run(backend: "anvil" | "memory"): Promise<RunResult> {
  const out = await mkdtemp(join(tmpdir(), "crucible-stakers-"));
  return runScenario({ scenarioPath: SCENARIO, epochs: 12, outDir: out, overrides: { chain: { backend } } });
}

/**
 * scenarios/stakers.yaml end to end (12 epochs): delegators stake at genesis, yield-chasers unstake,
 * wait out the cooldown, withdraw and restake elsewhere; loyal ones never move; the competitive
 * validator cuts its take after losing delegators. On Anvil and in memory alike: the same tables.
 */
describe("stakers: delegated stake moves on both protocols", () => {
  it("chasers move through unstake/withdraw/stake, loyal stay, and both protocols agree", async () => {
    const memory = await run("memory");
    const moves = memory.tables.stakeMoves ?? [];
    const delegators = memory.tables.delegators ?? [];
    expect(moves.every((m) => m.outcome === "success")).toBe(true);
    // Every delegator staked once at epoch 0; loyal ones never again.
    expect(moves.filter((m) => m.epoch === 0 && m.action === "stake")).toHaveLength(8);
    expect(moves.filter((m) => m.actor.startsWith("loyal-") && m.epoch > 0)).toEqual([]);
    expect(moves.filter((m) => m.actor.startsWith("validator-") && m.action !== "setTake")).toEqual([]);
    // A chaser's move: unstake, then (cooldown 1 epoch) withdraw and stake the same tokens two epochs later.
    const unstakes = moves.filter((m) => m.action === "unstake");
    expect(unstakes.length).toBeGreaterThan(0);
    for (const u of unstakes.filter((x) => x.epoch + 2 < 12)) {
      const w = moves.find((m) => m.actor === u.actor && m.action === "withdraw" && m.epoch === u.epoch + 2);
      const s = moves.find((m) => m.actor === u.actor && m.action === "stake" && m.epoch === u.epoch + 2);
      expect(w?.from).toBe(u.from);
      expect(s?.to).toBe(u.to);
      expect(w?.amount).toBeCloseTo(u.amount, 9);
      // While unbonding it earns nothing and is staked on no validator.
      const between = delegators.find((r) => r.delegator === u.actor && r.epoch === u.epoch + 1);
      expect(between?.validator).toBe("");
      expect(between?.unbonding).toBeCloseTo(u.amount, 9);
    }
    // Every delegator's tokens stay its own: stake + unbonding + balance = 500 + its rewards.
    for (const name of new Set(delegators.map((r) => r.delegator))) {
      const mine = delegators.filter((r) => r.delegator === name);
      const last = mine[mine.length - 1];
      const earned = mine.reduce((s, r) => s + r.reward, 0);
      expect(last.stake + last.unbonding + last.balance).toBeCloseTo(500 + earned, 6);
    }
    const html = readFileSync(memory.reportPath, "utf8");
    expect(html).toContain("<h2>Delegation</h2>");

    const anvil = await run("anvil");
    for (const table of RESULT_FILES) {
      expect(rows(anvil.runDir, table), table).toEqual(rows(memory.runDir, table));
    }
    expect(anvil.supplyBooks).toEqual(memory.supplyBooks);
  }, 300_000);

  it("a validator raising its take steps 0.05 at a time, each raise in force before the next", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-stakers-"));
    const { tables } = await runScenario({
      scenarioPath: SCENARIO,
      epochs: 10,
      outDir: out,
      overrides: {
        chain: { backend: "memory" },
        delegation: { takes: [{ validator: "validator-0", policy: "fixed", take: 0.3 }] },
      },
    });
    const asked = (tables.stakeMoves ?? []).filter((m) => m.action === "setTake");
    expect(asked.map((m) => [m.take, m.outcome])).toEqual([
      [0.23, "success"],
      [0.28, "success"],
      [0.3, "success"],
    ]);
    // A raise is in force 50 blocks (2.5 epochs of 20 blocks) after it was asked: the next waits.
    expect(asked[1].epoch - asked[0].epoch).toBe(3);
    expect(asked[2].epoch - asked[1].epoch).toBe(3);
  }, 120_000);

  it("validators leave after afterEpochs unprofitable epochs: unstake all their own stake, then withdraw", async () => {
    const out = await mkdtemp(join(tmpdir(), "crucible-stakers-"));
    const { tables } = await runScenario({
      scenarioPath: SCENARIO,
      epochs: 8,
      outDir: out,
      overrides: {
        chain: { backend: "memory" },
        costs: { stakePerEpoch: 0.15 },
        delegation: { validatorExit: { afterEpochs: 3 } },
      },
    });
    const moves = (tables.stakeMoves ?? []).filter(
      (m) => m.actor.startsWith("validator-") && m.action !== "setTake",
    );
    const left = moves.filter((m) => m.action === "unstake");
    expect(left.length).toBeGreaterThan(0);
    for (const u of left) {
      // Profit is measured from epoch 1 on: three losing epochs at the earliest by epoch 3.
      expect(u.epoch).toBeGreaterThanOrEqual(3);
      expect(u.from).toBe(u.actor);
      expect(u.outcome).toBe("success");
      const w = moves.find((m) => m.actor === u.actor && m.action === "withdraw");
      expect(w?.epoch).toBe(u.epoch + 2); // cooldown 1 epoch
      expect(w?.amount).toBeCloseTo(u.amount, 9);
      expect(w?.outcome).toBe("success");
    }
    // Each leaves once; at no cost nobody leaves (the first test's run has no validator moves).
    expect(new Set(left.map((u) => u.actor)).size).toBe(left.length);
  }, 120_000);

  it("refuses a delegation section off the contract emission path, naming the field", () => {
    const text = readFileSync(SCENARIO, "utf8").replace("emissionPath: contract", "emissionPath: direct");
    expect(() => parseScenario(text, "stakers.yaml")).toThrow(
      /stakers\.yaml: chain\.emissionPath: delegation needs chain\.emissionPath: contract/,
    );
  });

  it("refuses a take policy for a validator that does not exist", () => {
    const text = readFileSync(SCENARIO, "utf8").replace(
      "validator: validator-2, policy",
      "validator: validator-7, policy",
    );
    expect(() => parseScenario(text, "stakers.yaml")).toThrow(
      /stakers\.yaml: delegation\.takes\[2\]\.validator: no validator-7/,
    );
  });
});
