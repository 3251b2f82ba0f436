import { toTokens } from "../protocol/tokenUnits.ts";
import type { AgentRow } from "../run/runTables.ts";
import type { Population } from "./buildPopulation.ts";
import { type UidMap, uidsBySlot } from "./populationView.ts";
import type { RegistrationLedger } from "./registrationDriver.ts";

export interface AgentCosts {
  /** Tokens a miner spends per query it answers with its own model. */
  perInference: number;
  /** Opportunity cost of locked stake per epoch held, as a fraction of the stake. */
  stakePerEpoch: number;
  /** Tokens per 10^9 FLOPs of the miner's own model, per query it answers with it. */
  perGigaflop: number;
}

/**
 * One row per agent (agents.csv), by slot: its last UID, stake on the UID it holds at the end (0
 * without one), emission received, and what it spent: compute for the queries it answered, the
 * opportunity cost of its stake over the epochs it held a UID, and its registration burn.
 */
export function agentRows(
  population: Population,
  quality: readonly number[],
  addresses: readonly string[],
  final: { view: UidMap; stakes: readonly bigint[] },
  cumulative: Float64Array,
  ledger: RegistrationLedger,
  costs: AgentCosts,
  feesAndSlashes: Map<string, { totalFees: number; slashed: number }>,
  flopsPerQuery: (tier: string) => number = () => 0,
): AgentRow[] {
  const uidNow = uidsBySlot(final.view.slotOf);
  const stakeOf = (slot: number) => {
    const uid = uidNow.get(slot);
    return uid === undefined ? 0 : toTokens(final.stakes[uid] ?? 0n);
  };
  const common = (slot: number, agent: string, stake: number) => {
    const registrationBurn = toTokens(ledger.burnedWei[slot]);
    return {
      uid: ledger.lastUid[slot],
      agent,
      address: addresses[slot],
      stake: stakeOf(slot),
      totalReward: cumulative[slot],
      registrationBurn,
      prunedEpoch: ledger.prunedEpoch[slot],
      stakeCost: stake * (costs.stakePerEpoch * ledger.epochsHeld[slot]),
      ...(feesAndSlashes.get(agent) ?? { totalFees: 0, slashed: 0 }),
    };
  };
  return [
    ...population.validators.map((v) => {
      const { stakeCost, ...row } = common(v.slot, v.agent, v.stake);
      return {
        ...row,
        role: "validator" as const,
        strategy: v.strategy.name,
        tier: "",
        trueQuality: Number.NaN,
        cost: stakeCost + row.registrationBurn,
      };
    }),
    ...population.miners.map((m) => {
      const { stakeCost, ...row } = common(m.slot, m.agent, m.stake);
      const perQuery =
        costs.perGigaflop === 0
          ? costs.perInference
          : costs.perInference + (costs.perGigaflop * flopsPerQuery(m.tier)) / 1e9;
      const compute = m.strategy.computes === false ? 0 : ledger.queriesAnswered[m.slot] * perQuery;
      return {
        ...row,
        role: "miner" as const,
        strategy: m.strategy.name,
        tier: m.tier,
        trueQuality: quality[m.model],
        cost: compute + stakeCost + row.registrationBurn,
      };
    }),
  ];
}
