import { CHART_HEIGHT, CHART_WIDTH } from "../charts/chartStyle.ts";

export interface OverlayRow {
  /** The run's legend label ("A seed 42"). */
  run: string;
  epoch: number;
  value: number | null;
  /** Optional second encoding, drawn as the dash (e.g. "took" / "put in"). */
  kind?: string;
}

export interface OverlayPanelOptions {
  title?: string;
  yTitle: string;
  /** d3 format of the y axis labels and tooltip, e.g. ".0%" or ",.0f". */
  yFormat?: string;
  /** Legend order of the runs; A's runs first. */
  runs: readonly string[];
  /** Width of the panel (default: the full chart width). */
  width?: number;
  /** Legend title of the dashes when rows have a kind; no dash legend otherwise. */
  kinds?: readonly string[];
}

/**
 * One per-epoch line panel with a line per run (colour = run), for overlaying runs in compare.html.
 * A unit spec (no $schema/config), to sit alone under a top-level title or in an hconcat.
 */
export function overlayLinesPanel(rows: readonly OverlayRow[], options: OverlayPanelOptions) {
  const epochs = new Set(rows.map((r) => r.epoch)).size;
  const format = options.yFormat ?? ",.4~f";
  const axis = options.yFormat === undefined ? { labelExpr: "format(datum.value, '~s')" } : { format };
  return {
    ...(options.title ? { title: { text: options.title, fontSize: 13 } } : {}),
    width: options.width ?? CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: rows.map((r) => ({ ...r })) },
    mark: { type: "line", point: epochs <= 20, strokeWidth: 2 },
    encoding: {
      x: { field: "epoch", type: "quantitative", title: "Epoch", axis: { tickMinStep: 1, format: "d" } },
      y: { field: "value", type: "quantitative", title: options.yTitle, axis },
      // A fixed domain keeps each run's colour the same in every chart, even where a run has no line.
      color: { field: "run", type: "nominal", title: "Run", scale: { domain: [...options.runs] } },
      ...(options.kinds
        ? { strokeDash: { field: "kind", type: "nominal", sort: [...options.kinds], legend: null } }
        : {}),
      tooltip: [
        { field: "run", type: "nominal", title: "Run" },
        { field: "epoch", type: "quantitative", title: "Epoch" },
        ...(options.kinds ? [{ field: "kind", type: "nominal", title: "Series" }] : []),
        { field: "value", type: "quantitative", title: options.yTitle, format },
      ],
    },
  } as const;
}
