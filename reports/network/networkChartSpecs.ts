import type { NetworkEpochRow } from "../../sim/run/networkEpochRow.ts";
import type { ChartSpec } from "../buildChartSpecs.ts";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "../charts/chartStyle.ts";

const X = {
  field: "epoch",
  type: "quantitative",
  title: "Epoch",
  axis: { tickMinStep: 1, format: "d" },
} as const;

function perSubnetLine(
  rows: readonly NetworkEpochRow[],
  names: readonly string[],
  field: keyof NetworkEpochRow & string,
  title: string,
  subtitle: string,
  yTitle: string,
): ChartSpec["spec"] {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle },
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: {
      values: rows.map((r) => ({
        epoch: r.epoch,
        subnet: names[r.netuid - 1] ?? `${r.netuid}`,
        value: r[field],
      })),
    },
    mark: { type: "line", point: true, strokeWidth: 2 },
    encoding: {
      x: X,
      y: { field: "value", type: "quantitative", title: yTitle },
      color: { field: "subnet", type: "nominal", title: "Subnet", sort: [...names] },
      tooltip: [
        { field: "epoch", type: "quantitative", title: "Epoch" },
        { field: "subnet", type: "nominal", title: "Subnet" },
        { field: "value", type: "quantitative", title: yTitle, format: ".4~f" },
      ],
    },
  };
}

/**
 * The network view of a multi-subnet run (pure, from network_epochs.csv's rows): each subnet's share
 * of the TAO emission, its spot price and the stake that flowed in and out, epoch by epoch.
 */
export function networkChartSpecs(rows: readonly NetworkEpochRow[], names: readonly string[]): ChartSpec[] {
  const flows = rows.flatMap((r) => [
    { epoch: r.epoch, subnet: names[r.netuid - 1], direction: "in", tao: r.stakeInTao },
    { epoch: r.epoch, subnet: names[r.netuid - 1], direction: "out", tao: -r.stakeOutTao },
  ]);
  return [
    {
      name: "network-emission-share",
      title: "Emission share per subnet",
      spec: perSubnetLine(
        rows,
        names,
        "emissionShare",
        "Emission share per subnet",
        "Share of each epoch's TAO that went into the subnet's pool (injection and chain buys), split by EMA price",
        "Share of TAO emission",
      ),
    },
    {
      name: "network-price",
      title: "Alpha price per subnet",
      spec: perSubnetLine(
        rows,
        names,
        "price",
        "Alpha price per subnet",
        "Spot price at the end of each epoch (TAO per alpha); the EMA that sets the shares is capped at 1",
        "TAO per alpha",
      ),
    },
    {
      name: "network-stake-flows",
      title: "Stake flows between subnets",
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        title: {
          text: "Stake flows between subnets",
          subtitle: "TAO the stakers moved in (up) and took out (down) each epoch",
        },
        config: CHART_CONFIG,
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
        data: { values: flows },
        mark: { type: "bar" },
        encoding: {
          x: { field: "epoch", type: "ordinal", title: "Epoch" },
          xOffset: { field: "subnet", sort: [...names] },
          y: { field: "tao", type: "quantitative", title: "TAO (in +, out −)" },
          color: { field: "subnet", type: "nominal", title: "Subnet", sort: [...names] },
          tooltip: [
            { field: "epoch", type: "ordinal", title: "Epoch" },
            { field: "subnet", type: "nominal", title: "Subnet" },
            { field: "direction", type: "nominal", title: "Direction" },
            { field: "tao", type: "quantitative", title: "TAO", format: ".2f" },
          ],
        },
      },
    },
  ];
}
