import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunTables } from "../sim/run/runTables.ts";
import { buildChartSpecs } from "./buildChartSpecs.ts";
import { forkOrigin, markForkEpoch } from "./charts/forkEpochRule.ts";
import { computeHeadline, type HeadlineMetric } from "./computeHeadline.ts";
import { buildReportHtml, type PartialRun } from "./html/buildReportHtml.ts";
import { renderPng } from "./renderPng.ts";
import { renderSvg } from "./renderSvg.ts";

export interface ReportMeta {
  title: string;
  scenarioYaml: string;
  /** The scenario's description (its question), shown first with the findings that answer it. */
  description?: string;
  manifest: unknown;
  /** The run's total wall time (ms); the throughput rates are per second of it. */
  wallTimeMs?: number;
  /**
   * Render each chart to SVG and PNG files (and the page's no-script fallback images); default true.
   * false writes only the Vega-Lite specs and the page, which draws them in the browser.
   */
  renderImages?: boolean;
  /** A run that stopped before its last epoch (a banner says so). */
  partial?: PartialRun;
}

export interface ReportChartFiles {
  name: string;
  spec: string;
  svg?: string;
  png?: string;
}

export interface ReportResult {
  html: string;
  charts: ReportChartFiles[];
  /** The headline numbers shown on the page (for summary.json: `headlineSummary(headline)`). */
  headline: HeadlineMetric[];
}

/**
 * Writes `charts/<name>.vl.json`, `charts/<name>.svg`, `charts/<name>.png` and `report.html` into
 * runDir (folders created as needed) and returns their paths (joined onto runDir as given).
 */
export async function writeReport(
  runDir: string,
  tables: RunTables,
  meta: ReportMeta,
): Promise<ReportResult> {
  const chartsDir = join(runDir, "charts");
  await mkdir(chartsDir, { recursive: true });
  const headline = computeHeadline(tables, { wallTimeMs: meta.wallTimeMs });
  const built = buildChartSpecs(tables);
  // A fork's report marks the epoch its change took effect on every time axis.
  const fork = forkOrigin(meta.manifest);
  const charts =
    fork === undefined
      ? built.charts
      : built.charts.map((c) => ({ ...c, spec: markForkEpoch(c.spec, fork.atEpoch) }));
  const { omitted } = built;
  const rendered = [];
  const files: ReportChartFiles[] = [];
  for (const chart of charts) {
    const spec = join(chartsDir, `${chart.name}.vl.json`);
    await writeFile(spec, `${JSON.stringify(chart.spec, null, 2)}\n`);
    if (meta.renderImages === false) {
      rendered.push(chart);
      files.push({ name: chart.name, spec });
      continue;
    }
    const svg = await renderSvg(chart.spec);
    const paths = {
      name: chart.name,
      spec,
      svg: join(chartsDir, `${chart.name}.svg`),
      png: join(chartsDir, `${chart.name}.png`),
    };
    await writeFile(paths.svg, svg);
    await writeFile(paths.png, renderPng(svg));
    rendered.push({ ...chart, svg });
    files.push(paths);
  }
  const html = join(runDir, "report.html");
  await writeFile(
    html,
    buildReportHtml({
      title: meta.title,
      headline,
      charts: rendered,
      omitted,
      operators: tables.operators,
      governance: tables.governance,
      delegators: tables.delegators,
      stakeMoves: tables.stakeMoves,
      participation: tables.participation,
      scenarioYaml: meta.scenarioYaml,
      description: meta.description,
      manifest: meta.manifest,
      partial: meta.partial,
    }),
  );
  return { html, charts: files, headline };
}
