import { buildPageHtml, chartSectionHtml, type PageChart } from "../../reports/html/buildPageHtml.ts";
import { escapeHtml } from "../../reports/html/escapeHtml.ts";
import type { VegaBundles } from "../../reports/html/readVegaBundles.ts";
import { formatCell, htmlTable } from "./htmlTable.ts";
import { type ConvergencePoint, convergenceSpec, importanceSpec } from "./searchChartSpecs.ts";
import { objectiveLabel, type SearchSummary } from "./searchSummary.ts";
import type { SearchRow } from "./searchTables.ts";

const fmt = formatCell;
const table = htmlTable;

/**
 * search.html: what was searched, the best attack (its parameters, its value on the evaluation seeds
 * and on fresh ones, the replay proof), the objective against the runs spent with the best so far,
 * each parameter's importance, and the best candidates. Self-contained (vega inlined).
 */
export function buildSearchHtml(
  s: SearchSummary,
  rows: readonly SearchRow[],
  convergence: readonly ConvergencePoint[],
  columns: readonly string[],
  bundles?: VegaBundles,
): string {
  const label = objectiveLabel(s.objective, s.attacker);
  const charts: PageChart[] = [
    {
      name: "convergence",
      title: `${label}: every evaluation and the best so far`,
      spec: convergenceSpec(convergence, label),
    },
    { name: "importance", title: "Parameter importance", spec: importanceSpec(s.importance) },
  ];
  const overview = table(
    [
      "search",
      "method",
      "attacker",
      "objective",
      "budget",
      "evaluation seeds",
      "generations × population",
      "runs spent / budget",
    ],
    [
      [
        s.name,
        s.method,
        s.attacker,
        label,
        JSON.stringify(s.budget),
        s.evaluationSeeds.join(", "),
        `${s.generations} × ${s.population}`,
        `${fmt(s.spentRuns)} / ${s.budgetRuns} (${s.runs} processes, ${s.failedRuns} failed)`,
      ],
    ],
  );
  const best =
    s.best === null
      ? "<p>No candidate completed a full-length evaluation.</p>"
      : table(
          ["parameter", "value"],
          [
            ...Object.entries(s.best.point),
            ["attacker's genesis stake (tokens)", s.best.holdings.tokens],
            ["attacker's stake share", s.best.holdings.stakeShare],
            ["attacker's UIDs", s.best.holdings.uids],
            [`${label}, evaluation seeds (mean)`, s.best.objective],
            ...(s.fresh === null
              ? []
              : [
                  [
                    `${label}, ${s.fresh.values.length} fresh seeds: mean [95 % CI]`,
                    `${fmt(s.fresh.mean)} [${fmt(s.fresh.low)}, ${fmt(s.fresh.high)}]`,
                  ],
                ]),
          ],
        );
  const proof =
    s.proof === null
      ? ""
      : `<p>Proof: <code>${escapeHtml(s.proof.command)}</code> gave ${escapeHtml(fmt(s.proof.rerun.value))} (search: ${escapeHtml(fmt(s.proof.search.value))}); results hash ${escapeHtml(String(s.proof.rerun.resultsHash))} — <strong>${s.proof.reproduced ? "reproduced" : "NOT reproduced"}</strong>.</p>`;
  const top = [...rows]
    .filter((r) => r.objective !== null)
    .sort((a, b) => (b.objective as number) - (a.objective as number))
    .slice(0, 20);
  const body = [
    `<h1>Attack search: ${escapeHtml(s.name)}</h1>`,
    s.description === "" ? "" : `<p>${escapeHtml(s.description)}</p>`,
    overview,
    "<h2>Best attack</h2>",
    best,
    proof,
    "<h2>Convergence</h2>",
    chartSectionHtml(charts[0]),
    "<h2>Which parameters matter</h2>",
    chartSectionHtml(charts[1]),
    "<h2>Best candidates at full length</h2>",
    table(
      columns,
      top.map((r) => columns.map((c) => r[c])),
    ),
  ].join("\n");
  return buildPageHtml({ title: `Attack search ${s.name}`, body, charts, bundles });
}
