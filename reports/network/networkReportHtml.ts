import type { NetworkEpochRow } from "../../sim/run/networkEpochRow.ts";
import { buildPageHtml, chartSectionHtml } from "../html/buildPageHtml.ts";
import { escapeHtml } from "../html/escapeHtml.ts";
import { networkChartSpecs } from "./networkChartSpecs.ts";

export interface NetworkSubnetSummary {
  readonly name: string;
  /** The subnet's own run folder, relative to the network's. */
  readonly runFolder: string;
  readonly meanMinerQuality: number;
}

/** One subnet's totals over the run (the table above the charts). */
function summaryRows(rows: readonly NetworkEpochRow[], subnets: readonly NetworkSubnetSummary[]): string {
  return subnets
    .map((s, i) => {
      const r = rows.filter((x) => x.netuid === i + 1);
      const sum = (f: (x: NetworkEpochRow) => number) => r.reduce((a, x) => a + f(x), 0);
      const cells = [
        `<a href="${escapeHtml(s.runFolder)}/report.html">${escapeHtml(s.name)}</a>`,
        s.meanMinerQuality.toFixed(3),
        (sum((x) => x.emissionShare) / Math.max(1, r.length)).toFixed(4),
        sum((x) => x.emissionTao).toFixed(2),
        (r.at(-1)?.price ?? Number.NaN).toFixed(4),
        sum((x) => x.stakeInTao).toFixed(1),
        sum((x) => x.stakeOutTao).toFixed(1),
        sum((x) => x.minerSoldTao).toFixed(1),
      ];
      return `<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`;
    })
    .join("\n");
}

/** network.html: the subnets' totals and the network charts, self-contained. */
export function networkReportHtml(
  title: string,
  rows: readonly NetworkEpochRow[],
  subnets: readonly NetworkSubnetSummary[],
): string {
  const charts = networkChartSpecs(
    rows,
    subnets.map((s) => s.name),
  );
  const head = [
    "subnet",
    "mean miner quality",
    "mean emission share",
    "TAO emitted into its pool",
    "final price",
    "TAO staked in",
    "TAO unstaked",
    "TAO miners sold for",
  ];
  const body = `<h1>${escapeHtml(title)}</h1>
<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>
${summaryRows(rows, subnets)}
</tbody></table>
${charts.map((c) => chartSectionHtml(c)).join("\n")}`;
  return buildPageHtml({ title, body, charts });
}
