import type { AgentEpochRow } from "../run/runTables.ts";
import type { Scenario } from "../scenario/scenarioSchema.ts";
import type { Population } from "./buildPopulation.ts";
import type { SessionAgent } from "./protocolSession.ts";
import type { SlashingConfig } from "./slashingPhase.ts";
import type { TaskMarketConfig } from "./taskMarketPhase.ts";
import { toWei } from "./tokenUnits.ts";

/**
 * What the scenario's task market and slashing sections ask of the run (runScenario): who is funded
 * and staked at genesis, the subnet's slash share, and the epochs' market and slashing settings.
 */

/** Tokens (wei) each UID receives at genesis and stakes on itself: validators' stake, miners' collateral. */
export function genesisStakeWei(population: Population): bigint[] {
  const stake = new Array<bigint>(population.n).fill(0n);
  for (const v of population.validators) stake[v.uid] = toWei(v.stake);
  for (const m of population.miners) stake[m.uid] = toWei(m.stake);
  return stake;
}

/** The genesis stakes to place (UIDs with stake > 0), for `ProtocolSession.stakeGenesis`. */
export function genesisStakes(
  population: Population,
  agents: readonly SessionAgent[],
): (SessionAgent & { uid: number; amount: bigint })[] {
  return genesisStakeWei(population).flatMap((amount, uid) =>
    amount > 0n ? [{ ...agents[uid], uid, amount }] : [],
  );
}

/** Genesis of each task-market user (wei), and the subnet's slash share in basis points. */
export function marketSlashingSession(scenario: Scenario): { users: bigint[]; slashBps: number } {
  return {
    users: Array.from({ length: scenario.market.users }, () => toWei(scenario.market.balance)),
    slashBps: Math.round(scenario.slashing.share * 10_000),
  };
}

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
