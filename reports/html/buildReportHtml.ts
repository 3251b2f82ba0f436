import type { ChartSpec } from "./buildChartSpecs.ts";
import type { HeadlineGroup, HeadlineMetric } from "./computeHeadline.ts";
import { escapeHtml } from "./escapeHtml.ts";
import { readVegaBundles, type VegaBundles } from "./readVegaBundles.ts";
import { REPORT_PAGE_SCRIPT } from "./reportPageScript.ts";
import { REPORT_PAGE_STYLE } from "./reportPageStyle.ts";
import { inlineScriptSource, serializeForScript } from "./serializeForScript.ts";

export interface ReportChart extends ChartSpec {
  /** Pre-rendered SVG shown until vega-embed draws the live chart (and if scripts are off). */
  svg?: string;
}

export interface ReportHtmlInput {
  title: string;
  headline: readonly HeadlineMetric[];
  charts: readonly ReportChart[];
  scenarioYaml: string;
  manifest: unknown;
  /** The vega libraries to inline; read from node_modules when omitted. */
  bundles?: VegaBundles;
}

/** Fallback SVGs larger than this are left out (the live chart still renders). */
const MAX_FALLBACK_SVG_BYTES = 400_000;
const CHART_NAME = /^[a-z0-9][a-z0-9-]*$/;

const GROUP_TITLES: Record<HeadlineGroup, string> = {
  run: "Run",
  fairness: "Fairness",
  throughput: "Throughput",
};

function headlineHtml(headline: readonly HeadlineMetric[]): string {
  const groups = [...new Set(headline.map((m) => m.group))];
  return groups
    .map((group) => {
      const items = headline
        .filter((m) => m.group === group)
        .map(
          (m) =>
            `<li class="metric" data-key="${escapeHtml(m.key)}"><div class="label">${escapeHtml(m.label)}</div>` +
            `<div class="value">${escapeHtml(m.text)}</div><div class="hint">${escapeHtml(m.hint)}</div></li>`,
        );
      return `<h3>${escapeHtml(GROUP_TITLES[group])}</h3>\n<ul class="headline">\n${items.join("\n")}\n</ul>`;
    })
    .join("\n");
}

function chartHtml(chart: ReportChart): string {
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
 * One self-contained report page: headline numbers with their hints, one live chart per spec
 * (vega-embed, SVG fallback first), the scenario YAML and the manifest. vega, vega-lite and
 * vega-embed are inlined; nothing is fetched, so it opens from disk with no network.
 */
export function buildReportHtml(input: ReportHtmlInput): string {
  for (const c of input.charts) {
    if (!CHART_NAME.test(c.name))
      throw new Error(`buildReportHtml: chart name "${c.name}" must match ${CHART_NAME}`);
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
<h1>${escapeHtml(input.title)}</h1>
<p class="subtitle">Crucible run report</p>
${headlineHtml(input.headline)}
<h2>Charts</h2>
${input.charts.map(chartHtml).join("\n")}
<h2>Scenario</h2>
<pre class="scenario">${escapeHtml(input.scenarioYaml)}</pre>
<details class="manifest"><summary>Run manifest</summary>
<pre>${escapeHtml(JSON.stringify(input.manifest, null, 2) ?? "null")}</pre>
</details>
<footer>Charts drawn with ${libs.map((l) => `${escapeHtml(l.name)} ${escapeHtml(l.version)}`).join(", ")}, inlined in this page.</footer>
</main>
<script type="application/json" id="crucible-chart-specs">${serializeForScript(specs)}</script>
${libs.map((l) => scriptTag(l.source, `${l.name}@${l.version}/${l.file}`)).join("\n")}
<script>${REPORT_PAGE_SCRIPT}</script>
</body>
</html>
`;
}
