import type { TopLevelSpec } from "vega-lite";
import type { RunTables } from "../sim/run/runTables.ts";
import { cumulativeRewardSpec } from "./charts/cumulativeRewardSpec.ts";
import { phaseTimeSpec } from "./charts/phaseTimeSpec.ts";
import { rewardVsAccuracySpec } from "./charts/rewardVsAccuracySpec.ts";

export interface ChartSpec {
  /** File-name-safe identifier: `charts/<name>.svg`. */
  name: string;
  /** Human title, used as the section heading in report.html. */
  title: string;
  spec: TopLevelSpec;
}

/** Every chart of the run report, in report order. Pure. */
export function buildChartSpecs(tables: RunTables): ChartSpec[] {
  return [
    { name: "reward-vs-accuracy", title: "Reward vs. true accuracy", spec: rewardVsAccuracySpec(tables) },
    { name: "cumulative-reward", title: "Cumulative reward", spec: cumulativeRewardSpec(tables) },
    { name: "phase-time", title: "Wall time per phase", spec: phaseTimeSpec(tables) },
  ];
}
