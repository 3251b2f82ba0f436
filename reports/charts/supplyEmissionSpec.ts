import type { TopLevelSpec } from "vega-lite";
import type { RunTables } from "../../sim/run/runTables.ts";
import { formatMetric } from "../headline/formatMetric.ts";
import { computeEconomics } from "../metrics/computeEconomics.ts";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, SI_AXIS, VEGA_LITE_SCHEMA } from "./chartStyle.ts";
import { epochX, MAX_BAR_EPOCHS, showPoints } from "./epochAxis.ts";

const PANEL_WIDTH = Math.round((CHART_WIDTH - 60) / 2);
const RECIPIENTS = ["Miners", "Validators"];

/**
 * Supply and stake over the epochs (the gap between them is the unstaked float), next to each
 * epoch's emission split by recipient, with the minted emission as a black tick on top: a bar that
 * does not reach its tick means tokens were minted but not paid.
 */
export function supplyEmissionSpec(tables: RunTables): TopLevelSpec {
  const e = computeEconomics(tables);
  const rows = e.perEpoch;
  const asBars = rows.length <= MAX_BAR_EPOCHS;
  const first = rows[0];
  const subtitle = first
    ? `Supply ${formatMetric(first.supply, "tokens")} → ${formatMetric(e.finalSupply, "tokens")} tokens; ` +
      `staking ratio ${formatMetric(e.stakingRatio, "percent")} at the end; ` +
      `validator yield ${formatMetric(e.validatorYieldPerEpoch, "percent")} per epoch`
    : "No epochs recorded";
  const x = epochX(asBars);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: "Supply, stake and emission", subtitle },
    config: CHART_CONFIG,
    resolve: { scale: { color: "independent" } },
    hconcat: [
      {
        title: { text: "Token supply and total stake", fontSize: 13 },
        width: PANEL_WIDTH,
        height: CHART_HEIGHT,
        data: {
          values: rows.flatMap((r) => [
            { epoch: r.epoch, series: "Supply", tokens: r.supply },
            { epoch: r.epoch, series: "Stake", tokens: r.totalStake },
          ]),
        },
        mark: { type: "line", point: showPoints(rows.length), strokeWidth: 2 },
        encoding: {
          x: { field: "epoch", type: "quantitative", title: "Epoch", axis: { tickMinStep: 1, format: "d" } },
          y: { field: "tokens", type: "quantitative", title: "Tokens", axis: SI_AXIS },
          color: { field: "series", type: "nominal", title: "Total", sort: ["Supply", "Stake"] },
          tooltip: [
            { field: "epoch", type: "quantitative", title: "Epoch" },
            { field: "series", type: "nominal", title: "Total" },
            { field: "tokens", type: "quantitative", title: "Tokens", format: ",.2f" },
          ],
        },
      },
      {
        title: { text: "Emission per epoch by recipient (black tick: minted)", fontSize: 13 },
        width: PANEL_WIDTH,
        height: CHART_HEIGHT,
        layer: [
          {
            data: {
              values: rows.flatMap((r) => [
                { epoch: r.epoch, recipient: "Miners", tokens: r.minerReward },
                { epoch: r.epoch, recipient: "Validators", tokens: r.validatorReward },
              ]),
            },
            mark: asBars ? { type: "bar" } : { type: "area" },
            encoding: {
              x,
              y: {
                field: "tokens",
                type: "quantitative",
                title: "Tokens",
                stack: "zero",
                axis: SI_AXIS,
              },
              color: { field: "recipient", type: "nominal", title: "Paid to", sort: RECIPIENTS },
              tooltip: [
                { field: "epoch", type: "quantitative", title: "Epoch" },
                { field: "recipient", type: "nominal", title: "Paid to" },
                { field: "tokens", type: "quantitative", title: "Tokens", format: ",.4~f" },
              ],
            },
          },
          {
            data: { values: rows.map((r) => ({ epoch: r.epoch, emission: r.emission })) },
            mark: asBars ? { type: "tick", color: "#111", thickness: 2 } : { type: "line", color: "#111" },
            encoding: {
              x,
              y: { field: "emission", type: "quantitative" },
              tooltip: [
                { field: "epoch", type: "quantitative", title: "Epoch" },
                { field: "emission", type: "quantitative", title: "Emission minted", format: ",.4~f" },
              ],
            },
          },
        ],
      },
    ],
  };
}
