import type { RunTables } from "../../sim/run/runTables.ts";
import { isAdversary } from "./agentGroups.ts";
import { groupByEpoch } from "./groupByEpoch.ts";

/** Adversaries' (strategy ≠ "honest") shares; a share is null when its total is 0. */
export interface AdversaryShares {
  /** Of all rewards paid (miners and validators). */
  rewardShare: number | null;
  /** Adversarial miners' share of the miners' rewards. */
  minerRewardShare: number | null;
  /** Of all stake. */
  stakeShare: number | null;
  /**
   * Of the work: adversarial miners ÷ miners. Every miner answers the same query batch each epoch,
   * so this is also their share of the inferences.
   */
  workShare: number | null;
}

export interface AdversaryShare extends AdversaryShares {
  adversaries: number;
  /**
   * Adversaries' total reward plus the task fees they received, minus their total cost and the stake
   * slashed from them (tokens): above 0, the attack pays.
   */
  profit: number;
  adversaryMiners: number;
  adversaryValidators: number;
  /** Their strategies, sorted. */
  strategies: string[];
  perEpoch: (AdversaryShares & { epoch: number })[];
}

interface ShareRow {
  adversary: boolean;
  role: "miner" | "validator";
  reward: number;
  stake: number;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function shares(rows: readonly ShareRow[]): AdversaryShares {
  const sum = (rs: readonly ShareRow[], f: (r: ShareRow) => number) => rs.reduce((s, r) => s + f(r), 0);
  const adv = rows.filter((r) => r.adversary);
  const miners = rows.filter((r) => r.role === "miner");
  const advMiners = miners.filter((r) => r.adversary);
  return {
    rewardShare: ratio(
      sum(adv, (r) => r.reward),
      sum(rows, (r) => r.reward),
    ),
    minerRewardShare: ratio(
      sum(advMiners, (r) => r.reward),
      sum(miners, (r) => r.reward),
    ),
    stakeShare: ratio(
      sum(adv, (r) => r.stake),
      sum(rows, (r) => r.stake),
    ),
    workShare: ratio(advMiners.length, miners.length),
  };
}

/**
 * Attack resilience from the tables: what adversaries took against what they put in, over the run
 * (agents table: total reward, final stake) and per epoch (agent_epochs table). With no adversaries
 * every share is 0 (or null where the total is 0). Pure.
 */
export function computeAdversaryShare(tables: RunTables): AdversaryShare {
  const strategyOf = new Map(tables.agents.map((a) => [a.agent, a.strategy]));
  const adversaries = tables.agents.filter(isAdversary);
  const overall = shares(
    tables.agents.map((a) => ({
      adversary: isAdversary(a),
      role: a.role,
      reward: a.totalReward,
      stake: a.stake,
    })),
  );
  const perEpoch = groupByEpoch(tables.agentEpochs).map(([epoch, rows]) => ({
    epoch,
    ...shares(
      rows.map((r) => ({
        adversary: isAdversary({ strategy: strategyOf.get(r.agent) ?? "honest" }),
        role: r.role,
        reward: r.reward,
        stake: r.stake,
      })),
    ),
  }));
  return {
    ...overall,
    adversaries: adversaries.length,
    profit: adversaries.reduce((s, a) => s + a.totalReward + a.totalFees - a.cost - a.slashed, 0),
    adversaryMiners: adversaries.filter((a) => a.role === "miner").length,
    adversaryValidators: adversaries.filter((a) => a.role === "validator").length,
    strategies: [...new Set(adversaries.map((a) => a.strategy))].sort(),
    perEpoch,
  };
}
