import type { TopLevelSpec } from "vega-lite";
import type { ChartSet, ChartSpec } from "../buildChartSpecs.ts";
import { CHART_CONFIG, CHART_WIDTH, VEGA_LITE_SCHEMA } from "../charts/chartStyle.ts";
import { markForkEpoch } from "../charts/forkEpochRule.ts";
import { lorenzSpec } from "../charts/lorenzSpec.ts";
import { formatMetric } from "../headline/formatMetric.ts";
import { computeAdversaryShare } from "../metrics/computeAdversaryShare.ts";
import { computeConcentrationByEpoch } from "../metrics/computeConcentrationByEpoch.ts";
import { computeThroughput } from "../metrics/computeThroughput.ts";
import { groupByEpoch } from "../metrics/groupByEpoch.ts";
import type { ComparedRun, Comparison } from "./compareRuns.ts";
import { compareScatterSpec } from "./compareScatterSpec.ts";
import { forkDivergenceLine } from "./forkDivergence.ts";
import { type OverlayRow, overlayLinesPanel } from "./overlayLinesPanel.ts";

const HALF = Math.round((CHART_WIDTH - 60) / 2);

function topLevel(title: string, subtitle: string | string[], body: object): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle },
    config: CHART_CONFIG,
    ...body,
  } as TopLevelSpec;
}

const perEpoch = (
  runs: readonly ComparedRun[],
  value: (run: ComparedRun) => { epoch: number; value: number | null }[],
) => runs.flatMap((run) => value(run).map((p): OverlayRow => ({ run: run.label, ...p })));

/**
 * The charts of compare.html: each overlays A's and B's runs (one line per run, coloured by run) or
 * sets them side by side, so a difference in the headline table can be seen where it arises. Pure.
 */
export function buildCompareSpecs(runs: readonly ComparedRun[], comparison: Comparison): ChartSet {
  const labels = runs.map((r) => r.label);
  const charts: ChartSpec[] = [];
  const omitted: ChartSet["omitted"] = [];

  charts.push({
    name: "reward-vs-accuracy",
    title: "Reward vs. true accuracy, side by side",
    spec: compareScatterSpec(runs),
  });
  charts.push({
    name: "lorenz",
    title: "Lorenz curves of miners' rewards",
    spec: lorenzSpec(
      runs.map((r) => ({
        label: r.label,
        amounts: r.tables.agents.filter((a) => a.role === "miner").map((a) => Math.max(a.totalReward, 0)),
      })),
      { title: "Lorenz curves of miners' rewards", legendTitle: "Run" },
    ),
  });

  const loss = comparison.honestLoss;
  if (loss) {
    const first = loss.pairs[0].loss;
    const recovery =
      first.epochsToRecover === null
        ? `never back within ${formatMetric(first.tolerance, "percent")} of A`
        : `within ${formatMetric(first.tolerance, "percent")} of A after ${first.epochsToRecover} epoch(s)`;
    const rows = loss.pairs.flatMap((p) => {
      const a = runs.find((r) => r.dir === p.a)!;
      const b = runs.find((r) => r.dir === p.b)!;
      return p.loss.perEpoch.flatMap((e) => [
        { run: a.label, epoch: e.epoch, value: e.baseline },
        { run: b.label, epoch: e.epoch, value: e.run },
      ]);
    });
    charts.push({
      name: "honest-reward",
      title: "Honest miners' reward per epoch",
      spec: topLevel(
        "Honest miners' reward per epoch (miners honest in B, matched by name in A)",
        `B's honest miners earned ${formatMetric(loss.loss?.estimate ?? null, "percent")} less than in A; ${recovery}`,
        overlayLinesPanel(rows, { yTitle: "Reward (tokens)", yFormat: ",.4~f", runs: labels }),
      ),
    });
  }

  const gini = perEpoch(runs, (r) =>
    computeConcentrationByEpoch(r.tables).map((c) => ({ epoch: c.epoch, value: c.giniMinerRewards })),
  );
  charts.push({
    name: "concentration",
    title: "Gini of miner rewards per epoch",
    spec: topLevel(
      "Gini of miner rewards per epoch",
      "0 = every miner paid the same, 1 = one miner takes all",
      overlayLinesPanel(gini, { yTitle: "Gini of miner rewards", yFormat: ".2f", runs: labels }),
    ),
  });

  const attacked = runs.filter((r) => computeAdversaryShare(r.tables).adversaries > 0);
  if (attacked.length === 0) {
    omitted.push({
      name: "adversary-share",
      title: "Adversaries' reward share",
      reason: "left out, as neither side has adversaries: every agent in both runs is honest.",
    });
  } else {
    const rows = attacked.flatMap((r) =>
      computeAdversaryShare(r.tables).perEpoch.flatMap((e) => [
        { run: r.label, epoch: e.epoch, value: e.rewardShare, kind: "share of rewards" },
        { run: r.label, epoch: e.epoch, value: e.workShare, kind: "share of the work" },
      ]),
    );
    charts.push({
      name: "adversary-share",
      title: "Adversaries' reward share vs. work share",
      spec: topLevel(
        "Adversaries' share of rewards (solid) vs. of the work (dashed)",
        "Resilient: the solid line at or below the dashed one",
        overlayLinesPanel(rows, {
          yTitle: "Adversaries' share",
          yFormat: ".0%",
          runs: labels,
          kinds: ["share of rewards", "share of the work"],
        }),
      ),
    });
  }

  const epochRows = (f: (e: ComparedRun["tables"]["epochs"][number]) => number) =>
    perEpoch(runs, (r) => r.tables.epochs.map((e) => ({ epoch: e.epoch, value: f(e) })));
  charts.push({
    name: "gas-transactions",
    title: "Transactions and gas per epoch",
    spec: topLevel("Transactions and gas per epoch", "One line per run; lines overlap where the runs agree", {
      hconcat: [
        overlayLinesPanel(
          epochRows((e) => e.transactions),
          { title: "Transactions", yTitle: "Transactions", yFormat: ",.0f", runs: labels, width: HALF },
        ),
        overlayLinesPanel(
          epochRows((e) => e.gasUsed),
          { title: "Gas used", yTitle: "Gas", runs: labels, width: HALF },
        ),
      ],
    }),
  });
  charts.push({
    name: "supply",
    title: "Token supply per epoch",
    spec: topLevel(
      "Token supply per epoch",
      "Genesis plus each epoch's emission; lines overlap where the runs agree",
      overlayLinesPanel(
        epochRows((e) => e.supply),
        { yTitle: "Tokens", runs: labels },
      ),
    ),
  });
  const wall = perEpoch(runs, (r) =>
    groupByEpoch(r.tables.timings).map(([epoch, ts]) => ({ epoch, value: ts.reduce((s, t) => s + t.ms, 0) })),
  );
  const wallSub = runs
    .map((r) => `${r.label}: ${formatMetric(computeThroughput(r.tables).wallMsPerEpoch, "ms")}`)
    .join(", ");
  charts.push({
    name: "wall-time",
    title: "Wall time per epoch",
    spec: topLevel(
      "Wall time per epoch",
      `Mean per epoch: ${wallSub}`,
      overlayLinesPanel(wall, { yTitle: "Wall time (ms)", yFormat: ",.0f", runs: labels }),
    ),
  });
  const fork = comparison.fork;
  if (fork === undefined) return { charts, omitted };
  // A fork against its parent: how far apart the rewards are per epoch, and the fork epoch marked on
  // every time axis.
  charts.unshift({
    name: "fork-divergence",
    title: "Divergence of the fork from its parent",
    spec: topLevel(
      `Divergence of ${fork.fork} (fork) from ${fork.parent} (parent), epoch by epoch`,
      forkDivergenceLine(fork),
      overlayLinesPanel(
        fork.perEpoch.map((e) => ({
          run: `${fork.fork} − ${fork.parent}`,
          epoch: e.epoch,
          value: e.rewardDifference,
        })),
        {
          yTitle: "Σ |reward difference| (tokens)",
          yFormat: ",.2f",
          runs: [`${fork.fork} − ${fork.parent}`],
        },
      ),
    ),
  });
  return { charts: charts.map((c) => ({ ...c, spec: markForkEpoch(c.spec, fork.atEpoch) })), omitted };
}
