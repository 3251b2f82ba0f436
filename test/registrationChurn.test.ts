import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { AgentEpochRow } from "../sim/run/runTables.ts";
import { type RunResult, runScenario } from "../sim/runScenario.ts";

/**
 * scenarios/registration-churn.yaml end to end on real Anvil: 22 agents for 16 UIDs, miners joining
 * at epochs 4 and 6. Checked from the run's tables: who was pruned is what the registry's rule says
 * (the lowest emission of the last paid epoch among the non-immune UIDs, ties: oldest registration,
 * then lowest UID), no immune UID is pruned, UIDs pass to the joiners, burns are costs, and the
 * same seed gives the same tables.
 */
const SCENARIO = join(import.meta.dirname, "..", "scenarios", "registration-churn.yaml");
const EPOCHS = 7;
const IMMUNITY = 4;

describe("registration churn on the full protocol (real Anvil)", () => {
  let run: RunResult;
  let again: RunResult;
  let joinEpoch: Map<string, number>;
  beforeAll(async () => {
    const outDir = await mkdtemp(join(tmpdir(), "crucible-churn-"));
    run = await runScenario({ scenarioPath: SCENARIO, epochs: EPOCHS, outDir });
    again = await runScenario({ scenarioPath: SCENARIO, epochs: EPOCHS, outDir });
    joinEpoch = new Map(run.tables.agents.map((a) => [a.agent, firstEpoch(run.tables.agentEpochs, a.agent)]));
  }, 600_000);

  it("the same seed gives the same result tables", () => {
    expect(again.resultsHash).toBe(run.resultsHash);
  });

  it("holds at most maxUids UIDs per epoch, one agent each, and the pruned stop acting", () => {
    const { agentEpochs, agents } = run.tables;
    for (let e = 0; e < EPOCHS; e++) {
      const rows = agentEpochs.filter((r) => r.epoch === e);
      expect(rows.length).toBe(16);
      expect(new Set(rows.map((r) => r.uid)).size).toBe(16);
    }
    const pruned = agents.filter((a) => a.prunedEpoch >= 0);
    expect(pruned.length).toBe(6); // 4 joiners at epoch 4, 2 at epoch 6
    for (const a of pruned) {
      const rows = agentEpochs.filter((r) => r.agent === a.agent);
      expect(Math.max(...rows.map((r) => r.epoch))).toBe(a.prunedEpoch - 1);
    }
  });

  it("each joiner takes the UID of the lowest-emission non-immune agent (ties: oldest, lowest UID)", () => {
    const { agentEpochs, agents } = run.tables;
    for (const e of [4, 6]) {
      const before = agentEpochs.filter((r) => r.epoch === e - 1);
      const candidates = before
        .filter((r) => e - (joinEpoch.get(r.agent) ?? 0) >= IMMUNITY)
        .sort(
          (a, b) =>
            a.reward - b.reward ||
            (joinEpoch.get(a.agent) ?? 0) - (joinEpoch.get(b.agent) ?? 0) ||
            a.uid - b.uid,
        );
      const joiners = agents.filter((a) => joinEpoch.get(a.agent) === e);
      const expected = candidates.slice(0, joiners.length);
      // Joiners register in slot order, each replacing the next candidate.
      expect(joiners.map((j) => uidAt(agentEpochs, j.agent, e))).toEqual(expected.map((r) => r.uid));
      expect(
        agents
          .filter((a) => a.prunedEpoch === e)
          .map((a) => a.agent)
          .sort(),
      ).toEqual(expected.map((r) => r.agent).sort());
    }
  });

  it("never prunes an immune UID, though the random miners that joined at epoch 4 earn less", () => {
    const { agentEpochs, agents } = run.tables;
    for (const a of agents.filter((x) => x.prunedEpoch >= 0)) {
      expect(a.prunedEpoch - (joinEpoch.get(a.agent) ?? 0)).toBeGreaterThanOrEqual(IMMUNITY);
    }
    const rewardAt5 = (agent: string) => agentEpochs.find((r) => r.epoch === 5 && r.agent === agent)?.reward;
    const lateRandom = agents.filter((a) => a.tier === "random" && joinEpoch.get(a.agent) === 4);
    const prunedAt6 = agents.filter((a) => a.prunedEpoch === 6);
    expect(lateRandom.length).toBe(2);
    expect(prunedAt6.length).toBe(2);
    const cheapestPruned = Math.min(...prunedAt6.map((a) => rewardAt5(a.agent) ?? Number.NaN));
    for (const a of lateRandom) {
      expect(a.prunedEpoch).toBe(-1);
      expect(rewardAt5(a.agent)).toBeLessThan(cheapestPruned);
    }
  });

  it("every agent paid a registration burn, counted in its cost", () => {
    const { agents } = run.tables;
    for (const a of agents) {
      expect(a.registrationBurn).toBeGreaterThan(0);
      expect(a.cost).toBe(a.registrationBurn); // the scenario prices no compute or stake
    }
    // Genesis agents register in one block, in slot order: each pays 1.26× the one before.
    const genesis = agents.filter((a) => joinEpoch.get(a.agent) === 0);
    for (let k = 1; k < genesis.length; k++) {
      expect(genesis[k].registrationBurn / genesis[k - 1].registrationBurn).toBeCloseTo(1.26, 9);
    }
  });
});

function firstEpoch(rows: readonly AgentEpochRow[], agent: string): number {
  return Math.min(...rows.filter((r) => r.agent === agent).map((r) => r.epoch));
}

function uidAt(rows: readonly AgentEpochRow[], agent: string, epoch: number): number | undefined {
  return rows.find((r) => r.agent === agent && r.epoch === epoch)?.uid;
}
