import type { OmittedChart } from "../buildChartSpecs.ts";
import type { Comparison, MetricComparison } from "../compare/compareRuns.ts";
import { forkDivergenceLine } from "../compare/forkDivergence.ts";
import { formatDifference, formatMetric } from "../headline/formatMetric.ts";
import { HEADLINE_GROUP_TITLES } from "../headline/headlineDefinitions.ts";
import type { Interval } from "../metrics/bootstrapMeanCi.ts";
import { buildPageHtml, chartSectionHtml, type PageChart } from "./buildPageHtml.ts";
import { omittedChartHtml } from "./buildReportHtml.ts";
import { escapeHtml } from "./escapeHtml.ts";
import type { VegaBundles } from "./readVegaBundles.ts";

export interface CompareHtmlInput {
  title: string;
  comparison: Comparison;
  charts: readonly PageChart[];
  omitted?: readonly OmittedChart[];
  /** The scenario of each side (its first run's). */
  scenarios: { a: string; b: string };
  bundles?: VegaBundles;
}

const signed = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, signDisplay: "exceptZero" });

export function valueCell(m: MetricComparison, v: Interval | null): string {
  if (v === null) return `<td class="num">n/a</td>`;
  const ci =
    v.n > 1
      ? `<span class="ci">95% CI ${escapeHtml(formatMetric(v.low, m.unit))} – ${escapeHtml(formatMetric(v.high, m.unit))} (${v.n} runs)</span>`
      : "";
  return `<td class="num">${escapeHtml(formatMetric(v.estimate, m.unit))}${ci}</td>`;
}

export function differenceCells(m: MetricComparison): string {
  const cls = m.verdict === "better" || m.verdict === "worse" ? ` ${m.verdict}` : "";
  const d = m.difference;
  const ci =
    d && d.n > 1 && d.low !== d.high
      ? `<span class="ci">95% CI ${escapeHtml(formatDifference(d.low, m.unit))} – ${escapeHtml(formatDifference(d.high, m.unit))}</span>`
      : "";
  const relative = m.relative === null ? "n/a" : `${signed.format(m.relative * 100).replace("-", "−")}%`;
  return (
    `<td class="num${cls}" data-verdict="${m.verdict}"${m.reason ? ` title="${escapeHtml(m.reason)}"` : ""}>${escapeHtml(formatDifference(d?.estimate ?? null, m.unit))}${ci}</td>` +
    `<td class="num${cls}">${escapeHtml(relative)}</td>`
  );
}

function metricsTable(comparison: Comparison): string {
  const groups = [...new Set(comparison.metrics.map((m) => m.group))];
  const rows = groups.flatMap((group) => [
    `<tr class="group"><th colspan="5">${escapeHtml(HEADLINE_GROUP_TITLES[group])}</th></tr>`,
    ...comparison.metrics
      .filter((m) => m.group === group)
      .map(
        (m) =>
          `<tr data-key="${escapeHtml(m.key)}"><td title="${escapeHtml(m.hint)}">${escapeHtml(m.label)}</td>` +
          `${valueCell(m, m.a)}${valueCell(m, m.b)}${differenceCells(m)}</tr>`,
      ),
  ]);
  return (
    `<table class="metrics compare"><thead><tr><th>Metric</th><th class="num">A</th><th class="num">B</th>` +
    `<th class="num">B − A</th><th class="num">Relative</th></tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody></table>`
  );
}

function runsTable(comparison: Comparison): string {
  const rows = [comparison.a, comparison.b].flatMap((side) =>
    side.runs.map(
      (r) =>
        `<tr><td>${escapeHtml(side.name)}</td><td>${escapeHtml(r.label)}</td><td>${escapeHtml(r.scenario)}</td>` +
        `<td class="num">${r.seed ?? "n/a"}</td><td><code>${escapeHtml(r.dir)}</code></td></tr>`,
    ),
  );
  return `<table class="runs"><thead><tr><th>Side</th><th>Run</th><th>Scenario</th><th class="num">Seed</th><th>Folder</th></tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

function honestLossHtml(comparison: Comparison): string {
  const h = comparison.honestLoss;
  if (!h?.loss) return "";
  const first = h.pairs[0].loss;
  const loss = h.loss.estimate;
  const verb = loss >= 0 ? "less" : "more";
  const recovery = h.pairs
    .map((p) =>
      p.loss.epochsToRecover === null
        ? `never back within ${formatMetric(p.loss.tolerance, "percent")}`
        : `back within ${formatMetric(p.loss.tolerance, "percent")} after ${p.loss.epochsToRecover} epoch(s)`,
    )
    .join("; ");
  return (
    `<p class="chart-note" id="honest-loss"><strong>Honest miners' loss:</strong> the ${first.matchedMiners} miners that are ` +
    `honest in B earned ${escapeHtml(formatMetric(Math.abs(loss), "percent"))} ${verb} than the same miners in A ` +
    `(A as the baseline${h.pairs.length > 1 ? `, mean of ${h.pairs.length} seed pairs` : ""}); ${escapeHtml(recovery)}.</p>`
  );
}

/**
 * compare.html: which runs, every headline metric of A and B with the difference (green where B is
 * better, red where worse, by the metric's direction), the honest miners' loss, the overlaid charts
 * and both scenarios side by side. Self-contained like report.html.
 */
export function buildCompareHtml(input: CompareHtmlInput): string {
  const body = `<h1>${escapeHtml(input.title)}</h1>
<p class="subtitle">Crucible comparison: B against A as the baseline. Green: B is better by the metric's direction; red: worse; no colour without a verdict (one run per side, an interval that includes 0, or a metric with no better direction, such as Gini).</p>
${runsTable(input.comparison)}
${input.comparison.fork === undefined ? "" : `<p class="fork"><strong>${escapeHtml(forkDivergenceLine(input.comparison.fork))}.</strong> The red dashed rule on each time axis marks the fork epoch.</p>`}
<h2>Headline metrics</h2>
${honestLossHtml(input.comparison)}
${metricsTable(input.comparison)}
<h2>Charts</h2>
${(input.omitted ?? []).map(omittedChartHtml).join("\n")}
${input.charts.map(chartSectionHtml).join("\n")}
<h2>Scenarios</h2>
<div class="side-by-side">
<div><h3>A</h3><pre class="scenario">${escapeHtml(input.scenarios.a)}</pre></div>
<div><h3>B</h3><pre class="scenario">${escapeHtml(input.scenarios.b)}</pre></div>
</div>`;
  return buildPageHtml({ title: input.title, body, charts: input.charts, bundles: input.bundles });
}
