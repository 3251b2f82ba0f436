import type { Config } from "vega-lite";

/** The look shared by every Crucible chart: size, fonts, schema. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
export const CHART_WIDTH = 560;
export const CHART_HEIGHT = 320;

export const CHART_CONFIG: Config = {
  font: "Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif",
  title: { fontSize: 16, subtitleFontSize: 12, subtitleColor: "#555", anchor: "start", offset: 12 },
  axis: { titleFontSize: 12, labelFontSize: 11, titlePadding: 8 },
  legend: { titleFontSize: 12, labelFontSize: 11 },
  header: { titleFontSize: 12, labelFontSize: 13, labelFontWeight: "bold" },
  view: { stroke: "#ddd" },
};

/** SI-prefixed labels per tick (1.5k, 2M); an axis `format` would force one prefix on all ("0k"). */
export const SI_AXIS = { labelExpr: "format(datum.value, '~s')" };
