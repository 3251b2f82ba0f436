import type { RunTables } from "../../sim/run/runTables.ts";
import { agentGroups } from "./agentGroups.ts";
import { computeGini } from "./computeGini.ts";
import { computeNakamoto } from "./computeNakamoto.ts";
import { computeTheil } from "./computeTheil.ts";

/** Inequality of one set of amounts; the measures are null when the set is empty. */
export interface Inequality {
  count: number;
  total: number;
  gini: number | null;
  theil: number | null;
  nakamoto: number | null;
}

export interface Fairness {
  /** Total reward over the run, per group of agents. */
  rewards: {
    allAgents: Inequality;
    allMiners: Inequality;
    /** Miners whose strategy is "honest". */
    honestMiners: Inequality;
    validators: Inequality;
  };
  /**
   * Stake held at the end of the run, over the agents holding any: agents that do not stake (miners,
   * as a rule) would otherwise make any stake distribution look concentrated.
   */
  stake: Inequality;
}

/** Gini, Theil and Nakamoto coefficient of non-negative amounts (negatives count as 0). */
export function measureInequality(amounts: readonly number[]): Inequality {
  const xs = amounts.map((x) => Math.max(x, 0));
  const empty = xs.length === 0;
  return {
    count: xs.length,
    total: xs.reduce((s, x) => s + x, 0),
    gini: empty ? null : computeGini(xs),
    theil: empty ? null : computeTheil(xs),
    nakamoto: empty ? null : computeNakamoto(xs),
  };
}

/** Reward fairness per group and stake concentration, from the agents table. Pure. */
export function computeFairness(tables: RunTables): Fairness {
  const g = agentGroups(tables.agents);
  const rewards = (rows: readonly { totalReward: number }[]) =>
    measureInequality(rows.map((r) => r.totalReward));
  return {
    rewards: {
      allAgents: rewards(g.all),
      allMiners: rewards(g.miners),
      honestMiners: rewards(g.honestMiners),
      validators: rewards(g.validators),
    },
    stake: measureInequality(g.all.map((a) => a.stake).filter((s) => s > 0)),
  };
}
