import { CrucibleError } from "../../sim/errors/CrucibleError.ts";
import type { ChartSpec } from "../buildChartSpecs.ts";
import { escapeHtml } from "./escapeHtml.ts";
import { readVegaBundles, type VegaBundles } from "./readVegaBundles.ts";
import { REPORT_PAGE_SCRIPT } from "./reportPageScript.ts";
import { REPORT_PAGE_STYLE } from "./reportPageStyle.ts";
import { inlineScriptSource, serializeForScript } from "./serializeForScript.ts";

export interface PageChart extends ChartSpec {
  /** Pre-rendered SVG shown until vega-embed draws the live chart (and if scripts are off). */
  svg?: string;
}

export interface PageInput {
  title: string;
  /** The page's markup inside <main>; place each chart with `chartSectionHtml`. */
  body: string;
  /** Every chart placed in the body, so the page script can draw it. */
  charts: readonly PageChart[];
  /** The vega libraries to inline; read from node_modules when omitted. */
  bundles?: VegaBundles;
}

/** Fallback SVGs larger than this are left out (the live chart still renders). */
const MAX_FALLBACK_SVG_BYTES = 400_000;
const CHART_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** One chart's section: the fallback image, then the container vega-embed draws into. */
export function chartSectionHtml(chart: PageChart): string {
  const fallback =
    chart.svg !== undefined && Buffer.byteLength(chart.svg) <= MAX_FALLBACK_SVG_BYTES
      ? `<div class="chart-fallback"><img alt="${escapeHtml(chart.title)}" ` +
        `src="data:image/svg+xml;base64,${Buffer.from(chart.svg).toString("base64")}"></div>`
      : "";
  return (
    // The chart draws its own title; the section is labelled for screen readers and links.
    `<section class="chart" id="chart-${chart.name}" aria-label="${escapeHtml(chart.title)}">\n` +
    `${fallback}<div class="chart-view"></div>\n</section>`
  );
}

function scriptTag(source: string, label: string): string {
  return `<script data-inlined="${escapeHtml(label)}">\n${inlineScriptSource(source)}\n</script>`;
}

/**
 * A self-contained page: the body, the chart specs as JSON, vega, vega-lite and vega-embed inlined
 * and the script that embeds each chart. Nothing is fetched, so it opens from disk with no network.
 */
export function buildPageHtml(input: PageInput): string {
  for (const c of input.charts) {
    if (!CHART_NAME.test(c.name))
      throw new CrucibleError(
        "CRUCIBLE_REPORT_FAILED",
        `buildPageHtml: chart name "${c.name}" must match ${CHART_NAME}`,
      );
  }
  const bundles = input.bundles ?? readVegaBundles();
  const specs = input.charts.map((c) => ({ name: c.name, spec: c.spec }));
  const libs = [bundles.vega, bundles.vegaLite, bundles.vegaEmbed];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>${REPORT_PAGE_STYLE}</style>
</head>
<body>
<main>
${input.body}
<footer>Charts drawn with ${libs.map((l) => `${escapeHtml(l.name)} ${escapeHtml(l.version)}`).join(", ")}, inlined in this page.</footer>
</main>
<script type="application/json" id="crucible-chart-specs">${serializeForScript(specs)}</script>
${libs.map((l) => scriptTag(l.source, `${l.name}@${l.version}/${l.file}`)).join("\n")}
<script>${REPORT_PAGE_SCRIPT}</script>
</body>
</html>
`;
}
