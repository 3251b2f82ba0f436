import { buildPageHtml, chartSectionHtml, type PageChart } from "../../reports/html/buildPageHtml.ts";
import { escapeHtml } from "../../reports/html/escapeHtml.ts";
import type { VegaBundles } from "../../reports/html/readVegaBundles.ts";
import { defenceGainSpec } from "./defenceChartSpec.ts";
import { formatCell as f, htmlTable } from "./htmlTable.ts";
import type { DefenceReport } from "./runDefenceReport.ts";
import type { SearchSummary } from "./searchSummary.ts";

const interval = (m: number | null, lo: number | null, hi: number | null) =>
  m === null ? "" : `${f(m)} [${f(lo)}, ${f(hi)}]`;
const pct = (v: number | null) => (v === null ? "" : `${v >= 0 ? "+" : ""}${f(v)} %`);

/**
 * defences.html: the search's best attack rerun under each mitigation on fresh seeds: the
 * attacker's gain over its honest twin and its profit (mean [95 % CI]), whether each falls below
 * zero, and what each defence costs the honest miners, under the attack and without it.
 */
export function buildDefenceHtml(r: DefenceReport, s: SearchSummary, bundles?: VegaBundles): string {
  const label = `${r.attacker}'s gain over its honest twin (tokens)`;
  const chart: PageChart = { name: "defence-gain", title: label, spec: defenceGainSpec(r.rows, label) };
  const table = htmlTable(
    [
      "defence",
      "setting",
      "seeds (failed)",
      "gain: mean [95 % CI]",
      "gain < 0",
      "profit: mean [95 % CI]",
      "profit < 0",
      "honest miners' reward under attack (vs none)",
      "honest miners' reward, no attack (vs none)",
      "note",
    ],
    r.rows.map((x) => [
      x.defence,
      x.setting,
      `${x.seeds} (${x.failed})`,
      interval(x.gain, x.gainLow, x.gainHigh),
      x.gainBelowZero,
      interval(x.profit, x.profitLow, x.profitHigh),
      x.profitBelowZero,
      x.honestUnderAttack === null ? "" : `${f(x.honestUnderAttack)} (${pct(x.honestUnderAttackChange)})`,
      x.honestWithoutAttack === null
        ? ""
        : `${f(x.honestWithoutAttack)} (${pct(x.honestWithoutAttackChange)})`,
      x.note,
    ]),
  );
  const body = [
    `<h1>Defences against the best attack of ${escapeHtml(s.name)}</h1>`,
    `<p>Attack (${escapeHtml(s.method)} search, candidate ${s.best?.candidate}): <code>${escapeHtml(JSON.stringify(r.point))}</code>; mechanism <code>${escapeHtml(r.mechanism)}</code>; ${r.epochs} epochs; fresh seeds ${escapeHtml(r.seeds.join(", "))}. Each row reruns the attack and its honest twin (same stake and UIDs, every strategy honest) with the defence's fields set on both.</p>`,
    "<p>gain &lt; 0: <em>yes</em> when the whole 95 % interval is below zero, <em>mean</em> when only the mean is. The honest miners' reward columns give the change against no defence on the same seeds: under the attack (what the defence wins back or costs them) and without it (the defence's own cost in peacetime).</p>",
    chartSectionHtml(chart),
    table,
  ].join("\n");
  return buildPageHtml({ title: `Defences: ${s.name}`, body, charts: [chart], bundles });
}
