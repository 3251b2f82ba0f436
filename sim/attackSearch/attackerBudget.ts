import type { Scenario } from "../scenario/scenarioSchema.ts";
import type { Search } from "./searchSchema.ts";

/** What an attacker holds at genesis: the stake its agents put up, its UIDs, and its share of all stake. */
export interface AttackerHoldings {
  tokens: number;
  uids: number;
  stakeShare: number;
}

/** The attacker operator's holdings in a resolved scenario (joiners' stake and UIDs count too). Pure. */
export function attackerHoldings(scenario: Scenario, attacker: string): AttackerHoldings {
  let tokens = 0;
  let total = 0;
  let uids = 0;
  for (const g of [...scenario.population.miners, ...scenario.population.validators]) {
    const stake = g.count * (g.stake ?? 0);
    total += stake;
    if (g.operator === attacker) {
      tokens += stake;
      uids += g.count;
    }
  }
  return { tokens, uids, stakeShare: total > 0 ? tokens / total : 0 };
}

/** Whether holdings fit the search's budget (a limit left out does not bind). */
export function withinBudget(h: AttackerHoldings, budget: Search["budget"]): boolean {
  const eps = 1e-9;
  return (
    (budget.tokens === undefined || h.tokens <= budget.tokens + eps) &&
    (budget.stakeShare === undefined || h.stakeShare <= budget.stakeShare + eps) &&
    (budget.uids === undefined || h.uids <= budget.uids)
  );
}
