import type { TopLevelSpec } from "vega-lite";
import type { RunTables } from "../../sim/run/runTables.ts";
import { agentGroups } from "../metrics/agentGroups.ts";
import { computeGini } from "../metrics/computeGini.ts";
import { computeLorenzCurve } from "../metrics/computeLorenzCurve.ts";
import { CHART_CONFIG, VEGA_LITE_SCHEMA } from "./chartStyle.ts";

/** Points per curve at most: enough for a smooth curve over thousands of agents. */
const MAX_POINTS = 201;
const SIZE = 340;

export interface LorenzCurveInput {
  /** Legend label of the curve, e.g. "All miners" or a run's name. */
  label: string;
  amounts: readonly number[];
}

/** The reward Lorenz curves of a run: all miners, honest miners (when there are adversaries), validators. */
export function runLorenzCurves(tables: RunTables): LorenzCurveInput[] {
  const g = agentGroups(tables.agents);
  const rewards = (rows: readonly { totalReward: number }[]) => rows.map((r) => Math.max(r.totalReward, 0));
  return [
    { label: "All miners", amounts: rewards(g.miners) },
    ...(g.honestMiners.length < g.miners.length
      ? [{ label: "Honest miners", amounts: rewards(g.honestMiners) }]
      : []),
    { label: "Validators", amounts: rewards(g.validators) },
  ].filter((c) => c.amounts.length > 0);
}

/**
 * Lorenz curves (share of the total earned by the poorest x % of agents) with the dashed equality
 * line; the further a curve sags below it, the more unequal the pay. The subtitle gives each Gini.
 */
export function lorenzSpec(
  curves: readonly LorenzCurveInput[],
  options: { title?: string; legendTitle?: string } = {},
): TopLevelSpec {
  const gini = curves.map((c) => `${c.label} ${computeGini(c.amounts).toFixed(3)}`).join(", ");
  const axis = (title: string) => ({
    title,
    axis: { format: ".0%", tickCount: 5 },
    scale: { domain: [0, 1] },
  });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: options.title ?? "Lorenz curves of reward",
      subtitle: [
        curves.length > 0 ? `Gini: ${gini}` : "No rewards recorded",
        "The further below the dashed equality line, the more unequal the pay",
      ],
    },
    width: SIZE,
    height: SIZE,
    config: CHART_CONFIG,
    layer: [
      {
        data: {
          values: [
            { population: 0, share: 0 },
            { population: 1, share: 1 },
          ],
        },
        mark: { type: "line", strokeDash: [5, 4], color: "#888", strokeWidth: 1.5 },
        encoding: {
          x: { field: "population", type: "quantitative", ...axis("Share of agents, lowest paid first") },
          y: { field: "share", type: "quantitative", ...axis("Share of the total reward") },
        },
      },
      {
        data: { values: [{ population: 0.5, share: 0.5, text: "perfect equality" }] },
        mark: { type: "text", angle: 315, dy: -8, color: "#666", fontSize: 11 },
        encoding: {
          x: { field: "population", type: "quantitative" },
          y: { field: "share", type: "quantitative" },
          text: { field: "text", type: "nominal" },
        },
      },
      {
        data: {
          values: curves.flatMap((c) =>
            computeLorenzCurve(c.amounts, { maxPoints: MAX_POINTS }).map((p) => ({ curve: c.label, ...p })),
          ),
        },
        mark: { type: "line", strokeWidth: 2, point: curves.every((c) => c.amounts.length <= 20) },
        encoding: {
          x: { field: "population", type: "quantitative" },
          y: { field: "share", type: "quantitative" },
          color: {
            field: "curve",
            type: "nominal",
            title: options.legendTitle ?? "Rewards of",
            sort: curves.map((c) => c.label),
          },
          tooltip: [
            { field: "curve", type: "nominal", title: "Curve" },
            { field: "population", type: "quantitative", title: "Share of agents", format: ".1%" },
            { field: "share", type: "quantitative", title: "Share of reward", format: ".1%" },
          ],
        },
      },
    ],
  };
}
