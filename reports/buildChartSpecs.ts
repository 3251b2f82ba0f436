import type { TopLevelSpec } from "vega-lite";
import type { RunTables } from "../sim/run/runTables.ts";
import { adaptiveChoiceSpec } from "./charts/adaptiveChoiceSpec.ts";
import { adversaryShareSpec } from "./charts/adversaryShareSpec.ts";
import { concentrationSpec } from "./charts/concentrationSpec.ts";
import { cumulativeRewardSpec } from "./charts/cumulativeRewardSpec.ts";
import { dataProvidersSpec, dataQualitySpec } from "./charts/dataMarketSpecs.ts";
import { gasTransactionsSpec } from "./charts/gasTransactionsSpec.ts";
import { governanceTimelineSpec } from "./charts/governanceTimelineSpec.ts";
import { lorenzSpec, runLorenzCurves } from "./charts/lorenzSpec.ts";
import { phaseTimeSpec } from "./charts/phaseTimeSpec.ts";
import { rewardVsAccuracySpec } from "./charts/rewardVsAccuracySpec.ts";
import { supplyEmissionSpec } from "./charts/supplyEmissionSpec.ts";
import { isAdversary } from "./metrics/agentGroups.ts";

export interface ChartSpec {
  /** File-name-safe identifier: `charts/<name>.svg`. */
  name: string;
  /** Human title, used as the section label in report.html. */
  title: string;
  spec: TopLevelSpec;
}

/** A chart the run has no data for, and why; the report shows the reason in its place. */
export interface OmittedChart {
  name: string;
  title: string;
  reason: string;
}

export interface ChartSet {
  charts: ChartSpec[];
  omitted: OmittedChart[];
}

const ADVERSARY_CHART = { name: "adversary-share", title: "Adversaries' reward share vs. work and stake" };

/**
 * Every chart of the run report, in report order (fairness, resilience, economics, throughput), and
 * the charts left out for lack of data. Pure.
 */
export function buildChartSpecs(tables: RunTables): ChartSet {
  const hasAdversaries = tables.agents.some(isAdversary);
  const charts: (ChartSpec | false)[] = [
    { name: "reward-vs-accuracy", title: "Reward vs. true accuracy", spec: rewardVsAccuracySpec(tables) },
    { name: "lorenz", title: "Lorenz curves of reward", spec: lorenzSpec(runLorenzCurves(tables)) },
    {
      name: "concentration",
      title: "Stake and reward concentration per epoch",
      spec: concentrationSpec(tables),
    },
    { name: "cumulative-reward", title: "Cumulative reward", spec: cumulativeRewardSpec(tables) },
    tables.governance !== undefined &&
      tables.governance.length > 0 && {
        name: "governance-timeline",
        title: "Governance timeline over the reward split",
        spec: governanceTimelineSpec(tables),
      },
    hasAdversaries && { ...ADVERSARY_CHART, spec: adversaryShareSpec(tables) },
    tables.choices !== undefined &&
      tables.choices.length > 0 && {
        name: "adaptive-choice",
        title: "Adaptive attackers' choice per epoch",
        spec: adaptiveChoiceSpec(tables.choices),
      },
    tables.dataQuality !== undefined &&
      tables.dataQuality.length > 0 && {
        name: "data-quality",
        title: "Data market: miners' quality after training",
        spec: dataQualitySpec(tables.dataQuality),
      },
    tables.dataProviders !== undefined &&
      tables.dataProviders.length > 0 && {
        name: "data-providers",
        title: "Data market: provider revenue",
        spec: dataProvidersSpec(tables.dataProviders),
      },
    { name: "supply-emission", title: "Supply, stake and emission", spec: supplyEmissionSpec(tables) },
    { name: "gas-transactions", title: "Transactions and gas per epoch", spec: gasTransactionsSpec(tables) },
    { name: "phase-time", title: "Wall time per phase", spec: phaseTimeSpec(tables) },
  ];
  return {
    charts: charts.filter((c): c is ChartSpec => c !== false),
    omitted: hasAdversaries
      ? []
      : [
          {
            ...ADVERSARY_CHART,
            reason:
              "left out, as every agent in this run is honest. Give some miners or validators an " +
              "adversarial strategy in the scenario to see what they take against the work and stake they put in.",
          },
        ],
  };
}
