import type { AgentRow } from "../../sim/run/runTables.ts";

/** The strategy name of honest agents; every other strategy counts as an adversary. */
export const HONEST_STRATEGY = "honest";

export const isAdversary = (agent: { strategy: string }): boolean => agent.strategy !== HONEST_STRATEGY;

export interface AgentGroups {
  all: AgentRow[];
  miners: AgentRow[];
  honestMiners: AgentRow[];
  validators: AgentRow[];
  adversaries: AgentRow[];
}

/** Splits the agents table into the groups the fairness and resilience metrics are computed over. */
export function agentGroups(agents: readonly AgentRow[]): AgentGroups {
  const miners = agents.filter((a) => a.role === "miner");
  return {
    all: [...agents],
    miners,
    honestMiners: miners.filter((a) => !isAdversary(a)),
    validators: agents.filter((a) => a.role === "validator"),
    adversaries: agents.filter(isAdversary),
  };
}
