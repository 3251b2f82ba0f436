import type { OmittedChart } from "../buildChartSpecs.ts";
import type { Comparison } from "../compare/compareRuns.ts";
import { formatMetric } from "../headline/formatMetric.ts";
import { HEADLINE_GROUP_TITLES } from "../headline/headlineDefinitions.ts";
import { differenceCells, valueCell } from "./buildCompareHtml.ts";
import { buildPageHtml, chartSectionHtml, type PageChart } from "./buildPageHtml.ts";
import { omittedChartHtml } from "./buildReportHtml.ts";
import { escapeHtml } from "./escapeHtml.ts";
import type { VegaBundles } from "./readVegaBundles.ts";

export interface CompareManyHtmlInput {
  title: string;
  /** Each other side against A, in side order (B, C, …); every one has the same A. */
  comparisons: readonly Comparison[];
  charts: readonly PageChart[];
  omitted?: readonly OmittedChart[];
  /** The scenario of each side, A first. */
  scenarios: readonly { name: string; yaml: string }[];
  bundles?: VegaBundles;
}

function runsTable(comparisons: readonly Comparison[]): string {
  const sides = [comparisons[0].a, ...comparisons.map((c) => c.b)];
  const rows = sides.flatMap((side) =>
    side.runs.map(
      (r) =>
        `<tr><td>${escapeHtml(side.name)}</td><td>${escapeHtml(r.label)}</td><td>${escapeHtml(r.scenario)}</td>` +
        `<td class="num">${r.seed ?? "n/a"}</td><td><code>${escapeHtml(r.dir)}</code></td></tr>`,
    ),
  );
  return `<table class="runs"><thead><tr><th>Side</th><th>Run</th><th>Scenario</th><th class="num">Seed</th><th>Folder</th></tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

/** Every metric: A's value, then per other side its value, its difference from A and the relative change. */
function metricsTable(comparisons: readonly Comparison[]): string {
  const base = comparisons[0].metrics;
  const names = comparisons.map((c) => c.b.name);
  const span = 2 + 3 * names.length;
  const groups = [...new Set(base.map((m) => m.group))];
  const rows = groups.flatMap((group) => [
    `<tr class="group"><th colspan="${span}">${escapeHtml(HEADLINE_GROUP_TITLES[group])}</th></tr>`,
    ...base
      .map((m, i) => ({ m, i }))
      .filter(({ m }) => m.group === group)
      .map(
        ({ m, i }) =>
          `<tr data-key="${escapeHtml(m.key)}"><td title="${escapeHtml(m.hint)}">${escapeHtml(m.label)}</td>` +
          valueCell(m, m.a) +
          comparisons
            .map((c) => valueCell(c.metrics[i], c.metrics[i].b) + differenceCells(c.metrics[i]))
            .join("") +
          "</tr>",
      ),
  ]);
  const head =
    `<tr><th>Metric</th><th class="num">A (baseline)</th>` +
    names
      .map(
        (n) =>
          `<th class="num">${escapeHtml(n)}</th><th class="num">${escapeHtml(n)} − A</th><th class="num">Relative</th>`,
      )
      .join("") +
    "</tr>";
  return `<table class="metrics compare compare-many"><thead>${head}</thead>\n<tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

function honestLossList(comparisons: readonly Comparison[]): string {
  const items = comparisons.flatMap((c) => {
    const loss = c.honestLoss?.loss;
    if (!loss) return [];
    const verb = loss.estimate >= 0 ? "less" : "more";
    return [
      `<li data-side="${escapeHtml(c.b.name)}">${escapeHtml(c.b.name)}: the ${c.honestLoss?.pairs[0].loss.matchedMiners} miners ` +
        `honest in ${escapeHtml(c.b.name)} earned ${escapeHtml(formatMetric(Math.abs(loss.estimate), "percent"))} ${verb} than in A</li>`,
    ];
  });
  return items.length === 0
    ? ""
    : `<div class="chart-note" id="honest-loss"><strong>Honest miners' loss against A:</strong><ul>${items.join("")}</ul></div>`;
}

/**
 * compare.html for three sides or more: A is the baseline; every other side's metrics with their
 * difference from A (green better, red worse by the metric's direction), the honest miners' loss
 * per side, the overlaid charts of every run, and each side's scenario.
 */
export function buildCompareManyHtml(input: CompareManyHtmlInput): string {
  const names = input.comparisons.map((c) => c.b.name).join(", ");
  const body = `<h1>${escapeHtml(input.title)}</h1>
<p class="subtitle">Crucible comparison: ${escapeHtml(names)} each against A as the baseline. Green: better than A by the metric's direction; red: worse.</p>
${runsTable(input.comparisons)}
<h2>Headline metrics</h2>
${honestLossList(input.comparisons)}
${metricsTable(input.comparisons)}
<h2>Charts</h2>
${(input.omitted ?? []).map(omittedChartHtml).join("\n")}
${input.charts.map(chartSectionHtml).join("\n")}
<h2>Scenarios</h2>
<div class="side-by-side">
${input.scenarios.map((s) => `<div><h3>${escapeHtml(s.name)}</h3><pre class="scenario">${escapeHtml(s.yaml)}</pre></div>`).join("\n")}
</div>`;
  return buildPageHtml({ title: input.title, body, charts: input.charts, bundles: input.bundles });
}
