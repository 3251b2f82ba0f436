import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import type { AgentRow, OperatorRow } from "../run/runTables.ts";
import { defenceRows, defenceSeedValues } from "./defenceRows.ts";
import type { RunOutcome } from "./objectiveValue.ts";

const agent = (name: string, role: "miner" | "validator", strategy: string, totalReward: number) =>
  ({ agent: name, role, strategy, totalReward }) as AgentRow;
const outcome = (profit: number, honestA: number, honestB: number): RunOutcome => ({
  agents: [
    agent("m0", "miner", "honest", honestA),
    agent("m1", "miner", "honest", honestB),
    agent("x0", "miner", "copycat", 99),
    agent("v0", "validator", "honest", 500),
  ],
  operators: [{ operator: "attacker", profit } as OperatorRow],
  summary: {},
});

describe("defence table", () => {
  const attackerAgents = new Set(["x0"]);

  it("measures a seed: profit, gain over the twin, honest miners' reward (not the attacker's, not validators)", () => {
    const v = defenceSeedValues(
      { defence: "none", seed: 5, attack: outcome(30, 10, 20), twin: outcome(12, 15, 25) },
      "attacker",
      attackerAgents,
    );
    expect(v).toEqual({
      defence: "none",
      seed: 5,
      profit: 30,
      gain: 18,
      honestUnderAttack: 30,
      honestWithoutAttack: 40,
    });
    expect(
      defenceSeedValues(
        { defence: "none", seed: 5, attack: null, twin: outcome(0, 0, 0) },
        "attacker",
        attackerAgents,
      ),
    ).toBeNull();
  });

  it("gives each defence its gain and profit with intervals, below-zero flags and honest changes against no defence", () => {
    const seeds = [1, 2, 3];
    const values = [
      ...seeds.map((seed) => ({
        defence: "none",
        seed,
        profit: 20 + seed,
        gain: 10 + seed,
        honestUnderAttack: 100,
        honestWithoutAttack: 200,
      })),
      ...seeds.map((seed) => ({
        defence: "strong",
        seed,
        profit: -5 - seed,
        gain: -3 - seed,
        honestUnderAttack: 110,
        honestWithoutAttack: 190,
      })),
      ...seeds.map((seed) => ({
        defence: "mixed",
        seed,
        profit: seed === 1 ? 9 : -6,
        gain: seed === 1 ? 9 : -6,
        honestUnderAttack: 100,
        honestWithoutAttack: 200,
      })),
      null,
    ];
    const rows = defenceRows(
      [
        { name: "none", setting: "as searched" },
        { name: "strong", setting: "x = 1" },
        { name: "mixed", setting: "y = 2" },
        { name: "n/a", setting: "z = 3", skip: "does not apply" },
      ],
      values,
      3,
      "none",
      createRng(1),
    );
    const [none, strong, mixed, skipped] = rows;
    expect(none).toMatchObject({
      gain: 12,
      gainBelowZero: "no",
      profit: 22,
      honestUnderAttackChange: 0,
      failed: 0,
    });
    expect(strong).toMatchObject({
      gain: -5,
      gainBelowZero: "yes",
      profitBelowZero: "yes",
      honestUnderAttackChange: 10,
      honestWithoutAttackChange: -5,
    });
    expect(strong.gainHigh as number).toBeLessThan(0);
    expect(mixed.gainBelowZero).toBe("mean");
    expect(mixed.gainLow as number).toBeLessThan(0);
    expect(mixed.gainHigh as number).toBeGreaterThan(0);
    expect(skipped).toMatchObject({ gain: null, seeds: 0, failed: 0, note: "does not apply" });
    // Same inputs and root seed → the same intervals.
    expect(defenceRows([{ name: "mixed", setting: "" }], values, 3, "none", createRng(1))[0]).toEqual({
      ...mixed,
      setting: "",
    });
  });
});
