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

/** Each subnet's emission with the market attackers against the honest twin (the same network without them). */
export interface NetworkTwinSummary {
  readonly subnet: string;
  readonly emissionTao: number;
  readonly twinEmissionTao: number;
  readonly emissionGainTao: number;
}

function twinTable(twin: readonly NetworkTwinSummary[]): string {
  const head = ["subnet", "TAO emitted with the attackers", "in the honest twin", "moved by the attack"];
  const body = twin
    .map((t) =>
      [
        escapeHtml(t.subnet),
        t.emissionTao.toFixed(2),
        t.twinEmissionTao.toFixed(2),
        t.emissionGainTao.toFixed(2),
      ]
        .map((c) => `<td>${c}</td>`)
        .join(""),
    )
    .map((r) => `<tr>${r}</tr>`)
    .join("\n");
  return `<h2>Market attackers against the honest twin</h2>
<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>
${body}
</tbody></table>`;
}

/** network.html: the subnets' totals (and, with attackers, the honest twin) and the network charts, self-contained. */
export function networkReportHtml(
  title: string,
  rows: readonly NetworkEpochRow[],
  subnets: readonly NetworkSubnetSummary[],
  twin?: readonly NetworkTwinSummary[],
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
${twin === undefined ? "" : twinTable(twin)}
${charts.map((c) => chartSectionHtml(c)).join("\n")}`;
  return buildPageHtml({ title, body, charts });
}
