import type { AgentRow, ChoiceRow, OperatorRow } from "../run/runTables.ts";
import type { Population } from "./buildPopulation.ts";

export const INDEPENDENT = "independent";

/**
 * Pools the agents table by operator: one row per declared operator (in declaration order), then
 * one `independent` row for the agents that work alone (if any). Profit = rewards + fees − costs −
 * slashed, the same as an agent's. Pure.
 */
export function operatorRows(
  declared: readonly string[],
  population: Population,
  agents: readonly AgentRow[],
): OperatorRow[] {
  const operatorOf = new Map<string, string>();
  for (const a of [...population.validators, ...population.miners]) {
    operatorOf.set(a.agent, a.operator ?? INDEPENDENT);
  }
  const totalReward = agents.reduce((s, a) => s + a.totalReward, 0);
  const totalStake = agents.reduce((s, a) => s + a.stake, 0);
  const names = [...declared, INDEPENDENT];
  return names.flatMap((operator) => {
    const own = agents.filter((a) => (operatorOf.get(a.agent) ?? INDEPENDENT) === operator);
    if (own.length === 0 && operator === INDEPENDENT) return [];
    const sum = (f: (a: AgentRow) => number) => own.reduce((s, a) => s + f(a), 0);
    const row = {
      operator,
      agents: own.length,
      miners: own.filter((a) => a.role === "miner").length,
      validators: own.filter((a) => a.role === "validator").length,
      strategies: [...new Set(own.map((a) => a.strategy))].sort().join("|"),
      stake: sum((a) => a.stake),
      totalReward: sum((a) => a.totalReward),
      totalFees: sum((a) => a.totalFees),
      cost: sum((a) => a.cost),
      slashed: sum((a) => a.slashed),
    };
    return [
      {
        ...row,
        profit: row.totalReward + row.totalFees - row.cost - row.slashed,
        rewardShare: totalReward > 0 ? row.totalReward / totalReward : 0,
        stakeShare: totalStake > 0 ? row.stake / totalStake : 0,
      },
    ];
  });
}

/** Every adaptive agent's choices over the run, by epoch then agent (slot order). */
export function choiceRows(population: Population): ChoiceRow[] {
  const rows: ChoiceRow[] = [];
  for (const m of population.miners) {
    for (const d of m.strategy.decisions ?? []) rows.push({ agent: m.agent, ...d });
  }
  return rows.sort((a, b) => a.epoch - b.epoch);
}
