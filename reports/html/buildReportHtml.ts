import type {
  DelegatorRow,
  GovernanceRow,
  OperatorRow,
  ParticipationRow,
  StakeMoveRow,
} from "../../sim/run/runTables.ts";
import type { OmittedChart } from "../buildChartSpecs.ts";
import type { HeadlineMetric } from "../computeHeadline.ts";
import { answerFindings, type Finding } from "../headline/answerFindings.ts";
import { buildPageHtml, chartSectionHtml, type PageChart } from "./buildPageHtml.ts";
import { delegationHtml } from "./delegationHtml.ts";
import { escapeHtml } from "./escapeHtml.ts";
import { governanceHtml } from "./governanceHtml.ts";
import { allMetricsHtml, headlineCardsHtml } from "./headlineHtml.ts";
import { operatorsHtml } from "./operatorsHtml.ts";
import { participationHtml } from "./participationHtml.ts";
import type { VegaBundles } from "./readVegaBundles.ts";

export type ReportChart = PageChart;

export interface ReportHtmlInput {
  title: string;
  headline: readonly HeadlineMetric[];
  charts: readonly ReportChart[];
  /** Charts left out of this run's report, with why (shown as a note among the charts). */
  omitted?: readonly OmittedChart[];
  scenarioYaml: string;
  /** The scenario's description: the question the run answers, shown first. */
  description?: string;
  manifest: unknown;
  /** The operators table (operators.csv), when the run declares operators. */
  operators?: readonly OperatorRow[];
  /** Every proposal, vote and outcome (governance.csv), when the run has governance. */
  governance?: readonly GovernanceRow[];
  /** Delegators and stake moves (delegators.csv, stake_moves.csv), when the run has delegation. */
  delegators?: readonly DelegatorRow[];
  stakeMoves?: readonly StakeMoveRow[];
  /** Entries, exits and prunes (participation.csv), when the run has open participation. */
  participation?: readonly ParticipationRow[];
  /** The vega libraries to inline; read from node_modules when omitted. */
  bundles?: VegaBundles;
  /** A run that stopped before its last epoch: the banner says how far it got. */
  partial?: PartialRun;
}

/** How far a stopped run got (progress.json). */
export interface PartialRun {
  epochsDone: number;
  epochs: number;
  /** Why it stopped (error.txt's first line), when known. */
  reason?: string;
}

/** The banner of a stopped run's report: what the tables hold, and what they do not. */
export function partialBannerHtml(partial: PartialRun): string {
  return (
    `<p class="partial-banner" role="alert"><strong>Partial run: ${partial.epochsDone} of ${partial.epochs} epochs finished.</strong> ` +
    `The run stopped${partial.reason === undefined ? "" : ` (${escapeHtml(partial.reason)})`}; every chart and metric covers ` +
    `epochs 0–${Math.max(0, partial.epochsDone - 1)} only, and the per-agent totals (agents.csv) were never written. ` +
    `<code>crucible run --resume &lt;run folder&gt;</code> continues it from its latest checkpoint.</p>`
  );
}

/** A note standing in for a chart the run has no data for. */
export function omittedChartHtml(chart: OmittedChart): string {
  return (
    `<p class="chart-note" data-omitted="${escapeHtml(chart.name)}"><strong>${escapeHtml(chart.title)}:</strong> ` +
    `${escapeHtml(chart.reason)}</p>`
  );
}

/** The scenario's question and the findings that answer it: the first thing a reader sees. */
export function answerHtml(description: string, findings: readonly Finding[]): string {
  const question =
    description.trim() === "" ? "" : `<p class="question">${escapeHtml(description.trim())}</p>\n`;
  const items = findings.map(
    (f) =>
      `<li class="finding ${f.tone}" data-from="${escapeHtml(f.from.join(" "))}"><strong>${escapeHtml(f.question)}</strong> ` +
      `${escapeHtml(f.answer)}</li>`,
  );
  return `<section class="answer">\n${question}<ul class="findings">\n${items.join("\n")}\n</ul>\n</section>`;
}

/**
 * One self-contained run report: the scenario's question and the findings that answer it, the headline cards (each with what good looks like) and the full
 * metrics table, one live chart per spec (vega-embed, SVG fallback first), the scenario YAML and
 * the manifest.
 */
export function buildReportHtml(input: ReportHtmlInput): string {
  const body = `<h1>${escapeHtml(input.title)}</h1>
<p class="subtitle">Crucible run report</p>
${input.partial === undefined ? "" : partialBannerHtml(input.partial)}
${answerHtml(input.description ?? "", answerFindings(input.headline))}
${headlineCardsHtml(input.headline)}
${allMetricsHtml(input.headline)}
${operatorsHtml(input.operators)}
${governanceHtml(input.governance)}
${delegationHtml(input.delegators, input.stakeMoves)}
${participationHtml(input.participation)}
<h2>Charts</h2>
${(input.omitted ?? []).map(omittedChartHtml).join("\n")}
${input.charts.map(chartSectionHtml).join("\n")}
<h2>Scenario</h2>
<pre class="scenario">${escapeHtml(input.scenarioYaml)}</pre>
<details class="manifest"><summary>Run manifest</summary>
<pre>${escapeHtml(JSON.stringify(input.manifest, null, 2) ?? "null")}</pre>
</details>`;
  return buildPageHtml({ title: input.title, body, charts: input.charts, bundles: input.bundles });
}
