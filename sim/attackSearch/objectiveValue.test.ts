import { describe, expect, it } from "vitest";
import { parseInvariant } from "../invariants/parseInvariant.ts";
import type { AgentRow, OperatorRow } from "../run/runTables.ts";
import { attackerHoldings, withinBudget } from "./attackerBudget.ts";
import { objectiveValue, type RunOutcome } from "./objectiveValue.ts";

const agent = (name: string, role: "miner" | "validator", strategy: string, totalReward: number): AgentRow =>
  ({ agent: name, role, strategy, totalReward }) as AgentRow;
const op = (operator: string, profit: number): OperatorRow => ({ operator, profit }) as OperatorRow;

// An attack run and its honest twin: miner-2 and validator-1 are the attacker's.
const run: RunOutcome = {
  agents: [
    agent("miner-0", "miner", "honest", 60),
    agent("miner-1", "miner", "honest", 20),
    agent("miner-2", "miner", "copycat", 120),
    agent("validator-1", "validator", "cabal", 50),
  ],
  operators: [op("attacker", 150), op("independent", 90)],
  summary: { giniMinerRewards: 0.4, adversaryRewardShare: 0.3, adversaryWorkShare: 0.2 },
};
const twin: RunOutcome = {
  agents: [
    agent("miner-0", "miner", "honest", 100),
    agent("miner-1", "miner", "honest", 60),
    agent("miner-2", "miner", "honest", 20),
    agent("validator-1", "validator", "honest", 60),
  ],
  operators: [op("attacker", 70)],
  summary: {},
};
const context = { attacker: "attacker", attackerAgents: new Set(["miner-2", "validator-1"]) };

describe("objectiveValue (hand-computed)", () => {
  it("profit is the operator's line; gain subtracts its honest twin's", () => {
    expect(objectiveValue({ kind: "profit" }, context, run)).toBe(150);
    expect(objectiveValue({ kind: "gain" }, context, run, twin)).toBe(80);
    // An attacker with no agent (no line in operators.csv) profits 0.
    expect(objectiveValue({ kind: "profit" }, { ...context, attacker: "nobody" }, run)).toBe(0);
  });

  it("honestLoss: the honest miners' reward lost against the twin, in % (160 → 80: 50 %)", () => {
    expect(objectiveValue({ kind: "honestLoss" }, context, run, twin)).toBe(50);
  });

  it("metric: the summary's value, negated when minimised; NaN when undefined", () => {
    expect(objectiveValue({ kind: "metric", metric: "giniMinerRewards", goal: "max" }, context, run)).toBe(
      0.4,
    );
    expect(objectiveValue({ kind: "metric", metric: "giniMinerRewards", goal: "min" }, context, run)).toBe(
      -0.4,
    );
    expect(objectiveValue({ kind: "metric", metric: "nakamotoStake", goal: "max" }, context, run)).toBeNaN();
  });

  it("invariant: the violation margin (> 0 violated, < 0 holds by that much)", () => {
    const margin = (line: string) =>
      objectiveValue(
        { kind: "invariant", invariant: line },
        { ...context, invariant: parseInvariant(line, "t") },
        run,
      );
    expect(margin("adversaryRewardShare <= adversaryWorkShare")).toBeCloseTo(0.1, 12);
    expect(margin("adversaryRewardShare <= adversaryWorkShare + 0.15")).toBeCloseTo(-0.05, 12);
    expect(margin("giniMinerRewards > 0.5")).toBeCloseTo(0.1, 12);
  });
});

describe("the attacker's budget", () => {
  it("counts its groups' genesis stake and UIDs against everyone's stake", () => {
    const scenario = {
      population: {
        miners: [
          { count: 4, stake: 0 },
          { count: 3, stake: 10, operator: "attacker" },
        ],
        validators: [
          { count: 4, stake: 1000 },
          { count: 2, stake: 200, operator: "attacker" },
        ],
      },
    } as unknown as Parameters<typeof attackerHoldings>[0];
    const h = attackerHoldings(scenario, "attacker");
    expect(h).toEqual({ tokens: 430, uids: 5, stakeShare: 430 / 4430 });
    expect(withinBudget(h, { stakeShare: 0.1 })).toBe(true);
    expect(withinBudget(h, { stakeShare: 0.09 })).toBe(false);
    expect(withinBudget(h, { uids: 4 })).toBe(false);
    expect(withinBudget(h, { tokens: 430 })).toBe(true);
  });
});
