import { toWei } from "../protocol/tokenUnits.ts";
import type { AgentEpochRow } from "../run/runTables.ts";
import type { Scenario } from "../scenario/scenarioSchema.ts";
import type { SlashingConfig } from "./slashingPhase.ts";
import type { TaskMarketConfig } from "./taskMarket.ts";

/** The epochs' task market (none without users) and slashing settings. */
export function marketSlashingEpochs(scenario: Scenario): {
  market: TaskMarketConfig | undefined;
  slashing: SlashingConfig;
} {
  const { market, slashing } = scenario;
  return {
    market: market.users > 0 ? { users: market.users, feeWei: toWei(market.feePerEpoch) } : undefined,
    slashing: { proveMismatches: slashing.proveMismatches, flagMiners: slashing.flagMiners },
  };
}

/** Each agent's task fees and slashed stake over the run (tokens), from its epoch rows. */
export function feeAndSlashTotals(
  rows: readonly AgentEpochRow[],
): Map<string, { totalFees: number; slashed: number }> {
  const totals = new Map<string, { totalFees: number; slashed: number }>();
  for (const r of rows) {
    const t = totals.get(r.agent) ?? { totalFees: 0, slashed: 0 };
    t.totalFees += r.fees;
    t.slashed += r.slashed;
    totals.set(r.agent, t);
  }
  return totals;
}
