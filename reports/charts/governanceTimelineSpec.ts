import type { TopLevelSpec } from "vega-lite";
import type { RunTables } from "../../sim/run/runTables.ts";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./chartStyle.ts";

/**
 * The governance timeline over the rewards: the share of each epoch's reward that went to miners and
 * to validators (a line each), with a rule at every epoch a proposal was made (grey, dashed) and
 * where it ended (green: executed, effective from the next epoch; red: defeated or failed), labelled
 * with the proposal's number. So the effect of a change reads off the chart. Pure.
 */
export function governanceTimelineSpec(tables: RunTables): TopLevelSpec {
  const totals = new Map<number, { miner: number; validator: number }>();
  for (const r of tables.agentEpochs) {
    const t = totals.get(r.epoch) ?? { miner: 0, validator: 0 };
    t[r.role] += r.reward;
    totals.set(r.epoch, t);
  }
  const shares = [...totals].flatMap(([epoch, t]) => {
    const all = t.miner + t.validator;
    if (all <= 0) return [];
    return [
      { epoch, side: "miners", share: t.miner / all },
      { epoch, side: "validators", share: t.validator / all },
    ];
  });
  const events = (tables.governance ?? [])
    .filter((g) => g.action === "propose" || g.action === "outcome")
    .map((g) => ({
      epoch: g.action === "outcome" && g.status === "Executed" ? g.epoch + 1 : g.epoch,
      event:
        g.action === "propose"
          ? "proposed"
          : g.status === "Executed"
            ? "in effect"
            : `${g.status.toLowerCase()}`,
      label: `#${g.proposal} ${g.action === "propose" ? "proposed" : g.status === "Executed" ? "in effect" : g.status.toLowerCase()}`,
      detail: g.detail,
    }));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: "Governance timeline over the reward split",
      subtitle: "Share of each epoch's reward by side; rules: proposals, and when each took effect or failed",
    },
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values: shares },
        mark: { type: "line", point: true },
        encoding: {
          x: { field: "epoch", type: "quantitative", title: "Epoch", axis: { tickMinStep: 1, format: "d" } },
          y: {
            field: "share",
            type: "quantitative",
            title: "Share of the epoch's reward",
            scale: { domain: [0, 1] },
          },
          color: { field: "side", type: "nominal", title: "Side" },
        },
      },
      {
        data: { values: events },
        mark: { type: "rule", strokeWidth: 1.5 },
        encoding: {
          x: { field: "epoch", type: "quantitative" },
          strokeDash: {
            field: "event",
            type: "nominal",
            title: "Governance",
            scale: {
              domain: ["proposed", "in effect", "defeated", "queued"],
              range: [
                [4, 3],
                [1, 0],
                [2, 2],
                [6, 2],
              ],
            },
          },
          tooltip: [{ field: "label" }, { field: "detail" }],
        },
      },
      {
        data: { values: events },
        mark: { type: "text", angle: 270, align: "right", baseline: "bottom", dx: -4, dy: -2, fontSize: 10 },
        encoding: {
          x: { field: "epoch", type: "quantitative" },
          y: { value: 4 },
          text: { field: "label" },
        },
      },
    ],
  } as TopLevelSpec;
}
