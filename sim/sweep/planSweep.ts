import { resolve } from "node:path";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { prepareRun } from "../prepareRun.ts";
import { refuseNetwork } from "../scenario/refuseNetwork.ts";
import type { SetOverride } from "../scenario/setOverrides.ts";
import { expandSweep, type PlannedRun, type SweepPlan } from "./expandSweep.ts";
import { loadSweep } from "./loadSweep.ts";
import type { SweepMode } from "./sweepSchema.ts";

/** Everything a sweep folder records about what it will run (`plan.json`); resuming reads it back. */
export interface SweepPlanFile extends SweepPlan {
  name: string;
  sweepFile: string;
  /** The base scenario, absolute. */
  scenarioPath: string;
  rootSeed: number;
  epochs?: number;
  /** How the points were made (absent in plans written before it was recorded: read as grid). */
  mode?: SweepMode;
  /** The sweep's fixed overrides, as paths (applied before the parameters). */
  fixed: SetOverride[];
  parameters: string[];
  derived: string[];
  metrics: string[];
}

/** Flattens a JSON merge patch into `--set` paths (objects descend, anything else is a leaf). */
export function mergePatchToSets(patch: Record<string, unknown>, prefix = ""): SetOverride[] {
  return Object.entries(patch).flatMap(([key, value]) => {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? mergePatchToSets(value as Record<string, unknown>, path)
      : [{ path, value }];
  });
}

/** The `--set` list of one run: the sweep's fixed fields, then the point's values. */
export function runSets(plan: SweepPlanFile, run: PlannedRun): SetOverride[] {
  return [...plan.fixed, ...Object.entries(run.values).map(([path, value]) => ({ path, value }))];
}

/**
 * Reads the sweep file and its base scenario, expands the runs, and checks every point as
 * `crucible run` would (schema, strategies, mechanism) before anything runs or is written.
 */
export async function planSweep(sweepFile: string): Promise<SweepPlanFile> {
  const { sweep, scenarioPath } = await loadSweep(sweepFile);
  const fixed = mergePatchToSets(sweep.overrides);
  const base = await prepareRun({ scenarioPath, epochs: sweep.epochs, set: fixed });
  refuseNetwork(base.scenario, "sweep", `${sweepFile}: scenario: ${scenarioPath}`);
  const plan = expandSweep(sweep, base.scenario);
  const file: SweepPlanFile = {
    name: sweep.name,
    sweepFile: resolve(sweepFile),
    scenarioPath,
    rootSeed: sweep.seed,
    epochs: sweep.epochs,
    mode: sweep.mode,
    fixed,
    parameters: sweep.parameters.map((p) => p.path),
    derived: sweep.constraints.map((c) => c.derive),
    metrics: sweep.metrics,
    ...plan,
  };
  for (const [i, values] of plan.points.entries()) {
    const run = plan.runs.find((r) => r.point === i) as PlannedRun;
    try {
      const point = await prepareRun({
        scenarioPath,
        epochs: sweep.epochs,
        seed: run.seed,
        set: runSets(file, run),
      });
      refuseNetwork(point.scenario, "sweep", scenarioPath);
    } catch (cause) {
      const where = Object.entries(values)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(", ");
      throw new CrucibleError(
        "CRUCIBLE_SCENARIO_INVALID",
        `${sweepFile}: point ${i} (${where}): ${(cause as Error).message}`,
        { cause },
      );
    }
  }
  return file;
}
