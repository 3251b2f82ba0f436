import type { TopLevelSpec } from "vega-lite";
import type { DataProviderRow, DataQualityRow } from "../../sim/run/dataMarketTables.ts";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./chartStyle.ts";

/** Each miner's held-out accuracy after each training round (the shards it holds by quality in the tooltip). Pure. */
export function dataQualitySpec(rows: readonly DataQualityRow[]): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: "Miners' true quality after each training round",
      subtitle: "held-out accuracy of the model fine-tuned on the data each miner bought",
    },
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: {
      values: rows.map((r) => ({
        epoch: r.epoch,
        agent: r.agent,
        accuracy: r.heldoutAccuracy,
        clean: r.cleanShards,
        poisoned: r.poisonedShards,
        noisy: r.noisyShards,
      })),
    },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "epoch", type: "quantitative", title: "epoch of the training round" },
      y: { field: "accuracy", type: "quantitative", title: "held-out accuracy", scale: { domain: [0, 1] } },
      color: { field: "agent", type: "nominal", title: "miner" },
      tooltip: [
        { field: "agent", type: "nominal" },
        { field: "accuracy", type: "quantitative", format: ".3f" },
        { field: "clean", type: "quantitative" },
        { field: "noisy", type: "quantitative" },
        { field: "poisoned", type: "quantitative" },
      ],
    },
  };
}

/** Each provider's revenue next to the reward of the miners that bought from it. Pure. */
export function dataProvidersSpec(rows: readonly DataProviderRow[]): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: "Data providers: revenue and sales",
      subtitle: "what DataMarket paid each provider (fees excluded)",
    },
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: {
      values: rows.map((r) => ({
        provider: `${r.provider} (${r.quality})`,
        revenue: r.revenue,
        sales: r.sales,
      })),
    },
    mark: { type: "bar" },
    encoding: {
      y: { field: "provider", type: "nominal", title: null, sort: null },
      x: { field: "revenue", type: "quantitative", title: "revenue (tokens)" },
      tooltip: [
        { field: "provider", type: "nominal" },
        { field: "revenue", type: "quantitative", format: ".2f" },
        { field: "sales", type: "quantitative" },
      ],
    },
  };
}
