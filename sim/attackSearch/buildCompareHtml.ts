import { buildPageHtml, chartSectionHtml, type PageChart } from "../../reports/html/buildPageHtml.ts";
import { escapeHtml } from "../../reports/html/escapeHtml.ts";
import type { VegaBundles } from "../../reports/html/readVegaBundles.ts";
import { bestAt } from "./bestSoFar.ts";
import type { ComparedSearch } from "./compareSearches.ts";
import { formatCell, htmlTable } from "./htmlTable.ts";
import { bestSoFarSpec } from "./searchChartSpecs.ts";
import { objectiveLabel } from "./searchSummary.ts";

/**
 * compare.html: searches of one problem side by side (the optimizer and its random baseline): the
 * best so far against the runs spent, and per search the best on the evaluation seeds at each
 * quarter of the smallest budget spent, the best attack, and its value on fresh seeds.
 */
export function buildCompareHtml(
  searches: readonly ComparedSearch[],
  rows: readonly { method: string; spent: number; best: number }[],
  bundles?: VegaBundles,
): string {
  const s0 = searches[0].summary;
  const label = objectiveLabel(s0.objective, s0.attacker);
  const chart: PageChart = {
    name: "best-so-far",
    title: `${label}: best so far`,
    spec: bestSoFarSpec(rows, label),
  };
  const common = Math.min(...searches.map((s) => s.summary.spentRuns));
  const marks = [0.25, 0.5, 0.75, 1].map((f) => Math.round(common * f * 100) / 100);
  const table = htmlTable(
    [
      "method",
      "search folder",
      "runs spent",
      ...marks.map((m) => `best after ${m} runs`),
      "best attack",
      `fresh seeds: mean [95 % CI]`,
    ],
    searches.map(({ dir, summary: s, curve }) => [
      s.method,
      dir,
      s.spentRuns,
      ...marks.map((m) => bestAt(curve, m)),
      s.best === null ? "none" : JSON.stringify(s.best.point),
      s.fresh === null
        ? ""
        : `${formatCell(s.fresh.mean)} [${formatCell(s.fresh.low)}, ${formatCell(s.fresh.high)}] (seeds ${s.freshSeeds.join(", ")})`,
    ]),
  );
  const body = [
    `<h1>Attack search ${escapeHtml(s0.name)}: optimizers at equal run budgets</h1>`,
    `<p>Objective: ${escapeHtml(label)}; every candidate scored on the evaluation seeds ${escapeHtml(s0.evaluationSeeds.join(", "))} (common random numbers); run budget ${s0.budgetRuns} full-length runs each.</p>`,
    chartSectionHtml(chart),
    table,
  ].join("\n");
  return buildPageHtml({ title: `Attack search ${s0.name}: comparison`, body, charts: [chart], bundles });
}
