import { formatMetric } from "../../../reports/headline/formatMetric.ts";
import {
  HEADLINE_DEFINITIONS,
  type HeadlineDefinition,
} from "../../../reports/headline/headlineDefinitions.ts";
import { buildPageHtml, chartSectionHtml, type PageChart } from "../../../reports/html/buildPageHtml.ts";
import { escapeHtml } from "../../../reports/html/escapeHtml.ts";
import type { VegaBundles } from "../../../reports/html/readVegaBundles.ts";
import type { SweepPlanFile } from "../planSweep.ts";
import type { SweepRow } from "../sweepTable.ts";
import { bandPoints, type Sensitivity, sensitivities, usableRows } from "./summarizeSweep.ts";
import { bandSpec, heatmapSpec, sensitivitySpec } from "./sweepChartSpecs.ts";

/** A line per value of the other parameter only while the legend stays readable. */
const MAX_SERIES = 8;
/** Below this |PRCC| for every parameter, the ranking says that none moves the metric. */
const NO_EFFECT = 0.05;

function definition(key: string): HeadlineDefinition {
  return HEADLINE_DEFINITIONS.find((d) => d.key === key) as HeadlineDefinition;
}

function distinct(rows: readonly SweepRow[], path: string): number {
  return new Set(rows.map((r) => String(r[path]))).size;
}

/** Every chart of sweep.html: per metric, one band chart per parameter and a heatmap; then sensitivity. */
export function buildSweepCharts(
  plan: SweepPlanFile,
  rows: readonly SweepRow[],
): { perMetric: { metric: string; charts: PageChart[] }[]; sensitivity: PageChart; ranking: Sensitivity[] } {
  const mode = plan.mode ?? "grid";
  const perMetric = plan.metrics.map((metric, mi) => {
    const label = definition(metric).label;
    const charts: PageChart[] = [];
    if (usableRows(rows, metric).length === 0) return { metric, charts };
    plan.parameters.forEach((parameter, pi) => {
      // On a grid of two or more, split each line by the next parameter: effects stay separate.
      const other = plan.parameters[pi === 0 ? 1 : 0];
      const seriesBy =
        mode === "grid" && other !== undefined && distinct(rows, other) <= MAX_SERIES ? other : undefined;
      const points = bandPoints(plan, rows, metric, parameter, seriesBy);
      charts.push({
        name: `band-${mi}-${pi}`,
        title: `${label} vs. ${parameter}`,
        spec: bandSpec(points, { metric: label, parameter, series: seriesBy }),
      });
    });
    if (plan.parameters.length >= 2) {
      const [px, py] = plan.parameters;
      const cells = usableRows(rows, metric).map((r) => ({
        x: typeof r[px] === "number" ? (r[px] as number) : String(r[px]),
        y: typeof r[py] === "number" ? (r[py] as number) : String(r[py]),
        value: r[metric] as number,
      }));
      const binned = mode === "random" || mode === "latin-hypercube";
      charts.push({
        name: `heatmap-${mi}`,
        title: `${label} over ${px} × ${py}`,
        spec: heatmapSpec(cells, { metric: label, x: px, y: py }, binned),
      });
    }
    return { metric, charts };
  });
  const ranking = sensitivities(plan, rows);
  const sensitivity: PageChart = {
    name: "sensitivity",
    title: "Which parameter moves each metric most",
    spec: sensitivitySpec(ranking, (m) => definition(m).label),
  };
  return { perMetric, sensitivity, ranking };
}

function rankingTable(plan: SweepPlanFile, ranking: readonly Sensitivity[]): string {
  const rows = plan.metrics.map((metric) => {
    const ranked = ranking
      .filter((s) => s.metric === metric && s.rank !== null)
      .sort((a, b) => (a.rank as number) - (b.rank as number));
    const text =
      ranked.length === 0
        ? "n/a (too few complete runs, or nothing varies)"
        : ranked.every((s) => Math.abs(s.prcc as number) < NO_EFFECT)
          ? `no swept parameter moves it (every |PRCC| < ${NO_EFFECT})`
          : ranked.map((s) => `${s.parameter} (${(s.prcc as number).toFixed(2)})`).join(" › ");
    return `<tr data-metric="${escapeHtml(metric)}"><td>${escapeHtml(definition(metric).label)}</td><td>${escapeHtml(text)}</td></tr>`;
  });
  return (
    `<table class="sensitivity"><thead><tr><th>Metric</th><th>Parameters by |PRCC|, strongest first</th></tr></thead>\n` +
    `<tbody>\n${rows.join("\n")}\n</tbody></table>`
  );
}

function cell(value: SweepRow[string]): string {
  if (value === null) return "";
  if (typeof value !== "number" || Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

function runsTable(plan: SweepPlanFile, rows: readonly SweepRow[]): string {
  const params = [...plan.parameters, ...plan.derived];
  const head =
    `<tr><th>Run</th><th>Status</th><th class="num">Seed</th>` +
    params.map((p) => `<th class="num">${escapeHtml(p)}</th>`).join("") +
    plan.metrics.map((m) => `<th class="num">${escapeHtml(definition(m).label)}</th>`).join("") +
    "</tr>";
  const body = rows.map((r) => {
    const runDir = typeof r.runDir === "string" ? r.runDir : null;
    const target =
      runDir === null ? null : `${runDir}/${r.status === "complete" ? "report.html" : "error.txt"}`;
    const name = escapeHtml(String(r.run));
    const link = target === null ? name : `<a href="${escapeHtml(encodeURI(target))}">${name}</a>`;
    const status =
      r.status === "failed"
        ? `<td class="failed" title="${escapeHtml(String(r.error ?? ""))}">failed</td>`
        : `<td>${escapeHtml(String(r.status))}</td>`;
    return (
      `<tr data-run="${name}"><td>${link}</td>${status}<td class="num">${escapeHtml(cell(r.seed))}</td>` +
      params.map((p) => `<td class="num">${escapeHtml(cell(r[p] ?? null))}</td>`).join("") +
      plan.metrics
        .map((m) => {
          const v = r[m];
          return `<td class="num">${escapeHtml(typeof v === "number" ? formatMetric(v, definition(m).unit) : "")}</td>`;
        })
        .join("") +
      "</tr>"
    );
  });
  return `<table class="runs"><thead>${head}</thead>\n<tbody>\n${body.join("\n")}\n</tbody></table>`;
}

/**
 * sweep.html: what was swept, the sensitivity ranking, each metric against each parameter with
 * bootstrap bands and over two parameters as a heatmap, and every run linked to its own report.
 * Self-contained (vega inlined), like report.html.
 */
export function buildSweepHtml(
  plan: SweepPlanFile,
  rows: readonly SweepRow[],
  bundles?: VegaBundles,
): string {
  const { perMetric, sensitivity, ranking } = buildSweepCharts(plan, rows);
  const complete = rows.filter((r) => r.status === "complete").length;
  const failed = rows.filter((r) => r.status === "failed").length;
  const pending = rows.length - complete - failed;
  const swept = plan.parameters.map((p) => `<code>${escapeHtml(p)}</code>`).join(", ");
  const derived =
    plan.derived.length === 0
      ? ""
      : `; derived: ${plan.derived.map((p) => `<code>${escapeHtml(p)}</code>`).join(", ")}`;
  const summary =
    `<p class="summary">${plan.points.length} points (${escapeHtml(plan.mode ?? "grid")}) × ${plan.seeds.length} ` +
    `replicates = ${rows.length} runs: <strong>${complete} complete</strong>, ` +
    `<strong${failed > 0 ? ' class="failed"' : ""}>${failed} failed</strong>` +
    `${pending > 0 ? `, ${pending} pending` : ""}. Swept: ${swept}${derived}. ` +
    `Replicate seeds from root seed ${plan.rootSeed}: ${plan.seeds.join(", ")}.</p>`;
  const charts = [sensitivity, ...perMetric.flatMap((m) => m.charts)];
  const metricSections = perMetric.map(
    ({ metric, charts: cs }) =>
      `<h2>${escapeHtml(definition(metric).label)}</h2>\n` +
      (cs.length === 0
        ? `<p class="omitted">No complete run has this metric.</p>`
        : cs.map(chartSectionHtml).join("\n")),
  );
  const body = [
    `<h1>Sweep ${escapeHtml(plan.name)}</h1>`,
    summary,
    `<h2>Sensitivity</h2>`,
    rankingTable(plan, ranking),
    chartSectionHtml(sensitivity),
    ...metricSections,
    `<h2>Runs</h2>`,
    runsTable(plan, rows),
  ].join("\n");
  return buildPageHtml({ title: `sweep ${plan.name}`, body, charts, bundles });
}
