import type { TopLevelSpec } from "vega-lite";
import type { RunTables } from "../../sim/run/runTables.ts";
import { formatMetric } from "../headline/formatMetric.ts";
import { computeThroughput } from "../metrics/computeThroughput.ts";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, SI_AXIS, VEGA_LITE_SCHEMA } from "./chartStyle.ts";
import { epochX, MAX_BAR_EPOCHS } from "./epochAxis.ts";

const PANEL_WIDTH = Math.round((CHART_WIDTH - 60) / 2);
const OUTCOMES = ["Succeeded", "Reverted"];

/** Transactions per epoch (succeeded and reverted, stacked) next to the gas they used. */
export function gasTransactionsSpec(tables: RunTables): TopLevelSpec {
  const epochs = [...tables.epochs].sort((a, b) => a.epoch - b.epoch);
  const t = computeThroughput(tables);
  const asBars = epochs.length <= MAX_BAR_EPOCHS;
  const sent = epochs.reduce((s, e) => s + e.transactions, 0);
  const subtitle =
    epochs.length > 0
      ? `Per epoch: ${formatMetric(sent / epochs.length, "rate")} transactions and ` +
        `${t.gasPerEpoch === null ? "no gas (the in-memory protocol meters none)" : `${formatMetric(t.gasPerEpoch, "gas")} gas`} ` +
        `on average; ${formatMetric(t.revertedShare, "percent")} reverted`
      : "No epochs recorded";
  const x = epochX(asBars);
  const mark = asBars ? ({ type: "bar" } as const) : ({ type: "area" } as const);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: "Transactions and gas per epoch", subtitle },
    config: CHART_CONFIG,
    hconcat: [
      {
        title: { text: "Transactions", fontSize: 13 },
        width: PANEL_WIDTH,
        height: CHART_HEIGHT,
        data: {
          values: epochs.flatMap((e) => [
            { epoch: e.epoch, outcome: "Succeeded", transactions: e.transactions - e.reverted },
            { epoch: e.epoch, outcome: "Reverted", transactions: e.reverted },
          ]),
        },
        mark,
        encoding: {
          x,
          y: { field: "transactions", type: "quantitative", title: "Transactions", stack: "zero" },
          color: {
            field: "outcome",
            type: "nominal",
            title: "Outcome",
            sort: OUTCOMES,
            scale: { domain: OUTCOMES, range: ["#4c78a8", "#e45756"] },
          },
          tooltip: [
            { field: "epoch", type: "quantitative", title: "Epoch" },
            { field: "outcome", type: "nominal", title: "Outcome" },
            { field: "transactions", type: "quantitative", title: "Transactions" },
          ],
        },
      },
      {
        title: { text: "Gas used", fontSize: 13 },
        width: PANEL_WIDTH,
        height: CHART_HEIGHT,
        // Epochs without gas (the in-memory protocol) are left out rather than drawn as 0.
        data: {
          values: epochs
            .filter((e) => Number.isFinite(e.gasUsed))
            .map((e) => ({ epoch: e.epoch, gasUsed: e.gasUsed })),
        },
        mark: { ...mark, color: "#72b7b2" },
        encoding: {
          x,
          y: { field: "gasUsed", type: "quantitative", title: "Gas", axis: SI_AXIS },
          tooltip: [
            { field: "epoch", type: "quantitative", title: "Epoch" },
            { field: "gasUsed", type: "quantitative", title: "Gas used", format: "," },
          ],
        },
      },
    ],
  };
}
