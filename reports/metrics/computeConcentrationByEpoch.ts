import type { RunTables } from "../../sim/run/runTables.ts";
import { computeGini } from "./computeGini.ts";
import { computeNakamoto } from "./computeNakamoto.ts";
import { groupByEpoch } from "./groupByEpoch.ts";

export interface ConcentrationRow {
  epoch: number;
  /** Gini of the miners' rewards paid in this epoch (null with no miners). */
  giniMinerRewards: number | null;
  /** Gini of stake over all agents at this epoch. */
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
    return {
      epoch,
      giniMinerRewards: minerRewards.length > 0 ? computeGini(minerRewards) : null,
      giniStake: stakes.length > 0 ? computeGini(stakes) : null,
      nakamotoRewards: computeNakamoto(rewards),
      nakamotoStake: computeNakamoto(stakes),
    };
  });
}
