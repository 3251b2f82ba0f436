import { describe, expect, it } from "vitest";
import type { AgentRow } from "../run/runTables.ts";
import type { Population } from "./buildPopulation.ts";
import { choiceRows, operatorRows } from "./operatorRows.ts";

const agent = (name: string, role: "miner" | "validator", reward: number, cost: number): AgentRow => ({
  uid: 0,
  agent: name,
  role,
  strategy: "honest",
  address: "0x",
  tier: "",
  trueQuality: Number.NaN,
  stake: role === "validator" ? 100 : 0,
  totalReward: reward,
  cost,
  totalFees: 1,
  slashed: 0,
  registrationBurn: 0,
  prunedEpoch: -1,
});

const spec = (name: string, operator?: string) => ({ agent: name, ...(operator ? { operator } : {}) });

describe("operatorRows", () => {
  it("pools an operator's agents into one profit line and the rest into `independent`", () => {
    const population = {
      validators: [spec("validator-0"), spec("validator-1", "cabal")],
      miners: [spec("miner-0", "cabal"), spec("miner-1")],
      n: 4,
    } as unknown as Population;
    const agents = [
      agent("validator-0", "validator", 50, 5),
      agent("validator-1", "validator", 30, 5),
      agent("miner-0", "miner", 15, 2),
      agent("miner-1", "miner", 5, 2),
    ];
    const [cabal, independent] = operatorRows(["cabal"], population, agents);
    expect(cabal).toMatchObject({ operator: "cabal", agents: 2, miners: 1, validators: 1, totalReward: 45 });
    expect(cabal.profit).toBe(45 + 2 - 7);
    expect(cabal.rewardShare).toBeCloseTo(0.45, 12);
    expect(cabal.stakeShare).toBe(0.5);
    expect(independent).toMatchObject({ operator: "independent", agents: 2, profit: 55 + 2 - 7 });
  });
  it("collects adaptive agents' choices by epoch", () => {
    const population = {
      validators: [],
      miners: [
        { agent: "miner-0", strategy: { decisions: [{ epoch: 1, choice: "b", observed: 0.5 }] } },
        { agent: "miner-1", strategy: { decisions: [{ epoch: 0, choice: "a", observed: Number.NaN }] } },
      ],
      n: 2,
    } as unknown as Population;
    expect(choiceRows(population).map((r) => [r.epoch, r.agent, r.choice])).toEqual([
      [0, "miner-1", "a"],
      [1, "miner-0", "b"],
    ]);
  });
});
