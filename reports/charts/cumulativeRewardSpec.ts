import type { TopLevelSpec } from "vega-lite";
import type { AgentRow, RunTables } from "../../sim/run/runTables.ts";
import { pickAgentsByRewardRank } from "../pickAgentsByRewardRank.ts";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./chartStyle.ts";

export interface CumulativeRewardOptions {
  /** Lines drawn per role at most; above it, agents are picked evenly over the reward ranking. */
  maxAgentsPerRole?: number;
}

const ROLES = ["miner", "validator"] as const;
const PANEL_TITLES = { miner: "Miners", validator: "Validators" } as const;

/**
 * Cumulative reward of each agent over the epochs: one line per agent, one panel per role (miners
 * and validators earn on different scales, so each panel has its own y axis), coloured by strategy
 * so adversaries stand out from honest agents.
 */
export function cumulativeRewardSpec(tables: RunTables, options: CumulativeRewardOptions = {}): TopLevelSpec {
  const maxPerRole = options.maxAgentsPerRole ?? 40;
  const byAgent = new Map<string, AgentRow>(tables.agents.map((a) => [a.agent, a]));
  const shown = new Set<string>();
  const notes: string[] = [];
  for (const role of ROLES) {
    const ofRole = tables.agents.filter((a) => a.role === role);
    const picked = pickAgentsByRewardRank(ofRole, maxPerRole);
    for (const name of picked) shown.add(name);
    if (picked.length < ofRole.length)
      notes.push(`${picked.length} of ${ofRole.length.toLocaleString("en-US")} ${role}s`);
  }
  const epochCount = new Set(tables.agentEpochs.map((r) => r.epoch)).size;
  const subtitle =
    notes.length === 0
      ? "Every agent, one line each; panels have their own y scale"
      : `Showing ${notes.join(" and ")}, spread evenly over the reward ranking; panels have their own y scale`;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: "Cumulative reward per agent", subtitle },
    config: CHART_CONFIG,
    data: {
      values: tables.agentEpochs
        .filter((r) => shown.has(r.agent))
        .map((r) => ({
          epoch: r.epoch,
          agent: r.agent,
          role: PANEL_TITLES[r.role],
          strategy: byAgent.get(r.agent)?.strategy ?? "unknown",
          cumulativeReward: r.cumulativeReward,
        })),
    },
    facet: {
      column: { field: "role", type: "nominal", title: null, sort: ROLES.map((r) => PANEL_TITLES[r]) },
    },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: Math.round((CHART_WIDTH - 40) / 2),
      height: CHART_HEIGHT,
      // Points too when there are few epochs, so a 1-epoch run still shows something.
      mark: { type: "line", point: epochCount <= 20, strokeWidth: 1.5, opacity: 0.85 },
      encoding: {
        x: { field: "epoch", type: "quantitative", title: "Epoch", axis: { tickMinStep: 1, format: "d" } },
        y: { field: "cumulativeReward", type: "quantitative", title: "Cumulative reward (tokens)" },
        color: { field: "strategy", type: "nominal", title: "Strategy" },
        detail: { field: "agent", type: "nominal" },
        tooltip: [
          { field: "agent", type: "nominal", title: "Agent" },
          { field: "strategy", type: "nominal", title: "Strategy" },
          { field: "epoch", type: "quantitative", title: "Epoch" },
          {
            field: "cumulativeReward",
            type: "quantitative",
            title: "Cumulative reward (tokens)",
            format: ",.4~f",
          },
        ],
      },
    },
  };
}
