import type { RunTables } from "../../sim/run/runTables.ts";
import { computeGini } from "./computeGini.ts";
import { computeNakamoto } from "./computeNakamoto.ts";
import { groupByEpoch } from "./groupByEpoch.ts";

export interface ConcentrationRow {
  epoch: number;
  /** Gini of the miners' rewards paid in this epoch (null with no miners or nothing paid). */
  giniMinerRewards: number | null;
  /** Gini of stake over the agents holding any at this epoch (null when nobody does). */
  giniStake: number | null;
  /** Nakamoto coefficient of this epoch's rewards over all agents (null when nothing was paid). */
  nakamotoRewards: number | null;
  /** Nakamoto coefficient of stake over all agents (null when nobody stakes). */
  nakamotoStake: number | null;
}

/** Reward and stake concentration per epoch, from the per-agent-per-epoch table. Pure. */
export function computeConcentrationByEpoch(tables: RunTables): ConcentrationRow[] {
  return groupByEpoch(tables.agentEpochs).map(([epoch, rows]) => {
    const minerRewards = rows.filter((r) => r.role === "miner").map((r) => Math.max(r.reward, 0));
    const rewards = rows.map((r) => Math.max(r.reward, 0));
    const stakes = rows.map((r) => Math.max(r.stake, 0));
    const holders = stakes.filter((s) => s > 0);
    return {
      epoch,
      giniMinerRewards: minerRewards.some((r) => r > 0) ? computeGini(minerRewards) : null,
      giniStake: holders.length > 0 ? computeGini(holders) : null,
      nakamotoRewards: computeNakamoto(rewards),
      nakamotoStake: computeNakamoto(stakes),
    };
  });
}
