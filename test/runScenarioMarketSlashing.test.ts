import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { computeAdversaryShare } from "../reports/metrics/computeAdversaryShare.ts";
import type { AgentEpochRow } from "../sim/run/runTables.ts";
import { type RunResult, runScenario } from "../sim/runScenario.ts";

const SCENARIOS = join(import.meta.dirname, "..", "scenarios");
const EPOCHS = 6;

function expectBooksBalance(run: RunResult) {
  const b = run.supplyBooks;
  expect(b.accountBalances + b.totalStaked + b.totalUnbonding + b.totalEscrow).toBe(b.totalSupply);
}

/** What an agent's fee should be: the epoch's release split like emission (50/50), ∝ incentive and dividends. */
function expectedFees(rows: readonly AgentEpochRow[], released: number): Map<string, number> {
  const sumI = rows.reduce((s, r) => s + r.incentive, 0);
  const sumD = rows.reduce((s, r) => s + r.dividends, 0);
  const fI = sumI > 0 ? (sumD > 0 ? 0.5 : 1) : 0;
  const fD = sumD > 0 ? (sumI > 0 ? 0.5 : 1) : 0;
  return new Map(
    rows.map((r) => [
      r.agent,
      released * ((fI > 0 ? (fI * r.incentive) / sumI : 0) + (fD > 0 ? (fD * r.dividends) / sumD : 0)),
    ]),
  );
}

describe("task market end to end on real Anvil (scenarios/task-market.yaml)", () => {
  const runs = new Map<string, RunResult>();
  beforeAll(async () => {
    const outDir = await mkdtemp(join(tmpdir(), "crucible-market-"));
    for (const path of ["direct", "contract", "direct-again"] as const) {
      runs.set(
        path,
        await runScenario({
          scenarioPath: join(SCENARIOS, "task-market.yaml"),
          epochs: EPOCHS,
          outDir,
          overrides: { chain: { emissionPath: path === "contract" ? "contract" : "direct" } },
        }),
      );
    }
  }, 300_000);

  for (const path of ["direct", "contract"]) {
    it(`${path} path: fees released = escrowed - refunded, split ∝ incentive/dividends, apart from emission`, () => {
      const { tables } = runs.get(path) as RunResult;
      const escrowed = tables.epochs.reduce((s, e) => s + e.feesEscrowed, 0);
      const released = tables.epochs.reduce((s, e) => s + e.feesReleased, 0);
      const refunded = tables.epochs.reduce((s, e) => s + e.feesRefunded, 0);
      expect(escrowed).toBe(4 * 25 * EPOCHS);
      expect(released).toBeCloseTo(escrowed - refunded, 9);
      // Epoch 0 pays nobody (permits lag one epoch): it fails and its fees go back to the users.
      expect(tables.epochs[0].feesRefunded).toBe(100);
      expect(tables.epochs.slice(1).every((e) => e.feesReleased === 100 && e.feesRefunded === 0)).toBe(true);
      for (const e of tables.epochs) {
        const rows = tables.agentEpochs.filter((r) => r.epoch === e.epoch);
        const fees = expectedFees(rows, e.feesReleased);
        for (const r of rows) expect(r.fees).toBeCloseTo(fees.get(r.agent) ?? Number.NaN, 9);
        // Released fees reach the agents (the owner keeps only rounding dust: no owner cut here).
        expect(rows.reduce((s, r) => s + r.fees, 0)).toBeCloseTo(e.feesReleased, 9);
        // Rewards stay emission only.
        expect(rows.reduce((s, r) => s + r.reward, 0)).toBeCloseTo(e.emission, 6);
      }
      for (const a of tables.agents) {
        const own = tables.agentEpochs.filter((r) => r.agent === a.agent);
        expect(a.totalFees).toBeCloseTo(
          own.reduce((s, r) => s + r.fees, 0),
          9,
        );
      }
      expect(tables.agents.filter((a) => a.totalFees > 0).length).toBeGreaterThan(10);
    });

    it(`${path} path: balances + stakes + escrow = supply at the end`, () => {
      expectBooksBalance(runs.get(path) as RunResult);
    });
  }

  it("same seed, same tables (fees included)", () => {
    const [first, second] = [runs.get("direct"), runs.get("direct-again")] as RunResult[];
    expect(second.resultsHash).toBe(first.resultsHash);
    expect(second.tables.agentEpochs).toEqual(first.tables.agentEpochs);
  });
});

describe("slashing end to end on real Anvil (scenarios/slashing.yaml)", () => {
  let run: RunResult;
  let again: RunResult;
  beforeAll(async () => {
    const outDir = await mkdtemp(join(tmpdir(), "crucible-slashing-"));
    const options = { scenarioPath: join(SCENARIOS, "slashing.yaml"), epochs: EPOCHS, outDir };
    run = await runScenario(options);
    again = await runScenario(options);
  }, 300_000);

  it("slashes the equivocator exactly 10% of its stake every epoch, burned out of the supply", () => {
    const { epochs, agentEpochs } = run.tables;
    const rows = agentEpochs.filter((r) => r.agent === "validator-3");
    let stake = 1000;
    for (const r of rows) {
      expect(r.slashed).toBeCloseTo(stake * 0.1, 9);
      stake -= r.slashed;
      expect(r.stake).toBeCloseTo(stake, 9);
    }
    expect(stake).toBeCloseTo(1000 * 0.9 ** EPOCHS, 9);
    for (const e of epochs) {
      const slashed = agentEpochs.filter((r) => r.epoch === e.epoch).reduce((s, r) => s + r.slashed, 0);
      expect(e.slashed).toBeCloseTo(slashed, 9);
      if (e.epoch === 0) continue;
      expect(e.supply).toBeCloseTo(epochs[e.epoch - 1].supply + e.emission - e.slashed, 6);
    }
  });

  it("never slashes an honest validator or an honest miner; flags copycats with their collateral", () => {
    const { agents, agentEpochs } = run.tables;
    const honest = agents.filter((a) => a.strategy === "honest");
    expect(honest.length).toBe(12);
    for (const a of honest) expect(a.slashed).toBe(0);
    const copycats = agents.filter((a) => a.strategy === "copycat");
    expect(copycats.some((a) => a.slashed > 0)).toBe(true);
    for (const a of copycats) {
      const own = agentEpochs.filter((r) => r.agent === a.agent);
      expect(a.slashed).toBeCloseTo(
        own.reduce((s, r) => s + r.slashed, 0),
        9,
      );
      // Each slash burns 10% of what is left: the collateral is 20 · 0.9^(times flagged).
      const times = own.filter((r) => r.slashed > 0).length;
      expect(a.stake).toBeCloseTo(20 * 0.9 ** times, 9);
    }
  });

  it("attack profit after costs subtracts the slashed stake", () => {
    const { agents } = run.tables;
    const adversaries = agents.filter((a) => a.strategy !== "honest");
    const profit = computeAdversaryShare(run.tables).profit;
    expect(profit).toBeCloseTo(
      adversaries.reduce((s, a) => s + a.totalReward + a.totalFees - a.cost - a.slashed, 0),
      9,
    );
    const unslashed = computeAdversaryShare({
      ...run.tables,
      agents: agents.map((a) => ({ ...a, slashed: 0 })),
    }).profit;
    expect(unslashed - profit).toBeCloseTo(
      adversaries.reduce((s, a) => s + a.slashed, 0),
      9,
    );
    expect(unslashed - profit).toBeGreaterThan(400);
  });

  it("balances + stakes + escrow = supply at the end, and the same seed gives the same tables", () => {
    expectBooksBalance(run);
    expect(run.supplyBooks.totalBurned).toBeGreaterThan(0n);
    expect(again.resultsHash).toBe(run.resultsHash);
    expect(again.tables.agents).toEqual(run.tables.agents);
  });
});
