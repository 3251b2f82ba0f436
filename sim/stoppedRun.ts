import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { buildPopulation } from "./engine/buildPopulation.ts";
import { type EngineSnapshot, unpackSnapshot } from "./engine/engineSnapshot.ts";
import { resolveMechanism } from "./engine/resolveMechanism.ts";
import { CrucibleError } from "./errors/CrucibleError.ts";
import type { PreparedRun } from "./prepareRun.ts";
import { type CheckpointHeader, listCheckpoints, readCheckpoint } from "./run/checkpointFile.ts";
import { type RunProgressRecord, readRunProgress } from "./run/runProgressFile.ts";
import { sweepStalePartials } from "./run/stalePartials.ts";
import { parseScenario } from "./scenario/loadScenario.ts";
import type { Scenario } from "./scenario/scenarioSchema.ts";
import type { SetOverride } from "./scenario/setOverrides.ts";

const usage = (message: string) => new CrucibleError("CRUCIBLE_USAGE", message);

/**
 * A run folder's path as given, or where it is now: a `.<name>.partial` folder whose process died is
 * marked failed first (`<name>.failed`), as the next run in its folder would.
 */
export function locateRunFolder(runDir: string): string {
  const dir = runDir.replace(/\/+$/, "");
  const m = /^\.(.+)\.partial$/.exec(basename(dir));
  if (m !== null) {
    const swept = sweepStalePartials(dirname(dir)).find((s) => resolve(s.dir) === resolve(dir));
    if (swept?.failedDir !== undefined) return swept.failedDir;
    if (existsSync(dir)) throw usage(`${dir}: its run is still going (or its owner is unknown): not resumed`);
  }
  if (!existsSync(dir)) throw usage(`${dir}: run folder not found`);
  return dir;
}

/** What a run folder holds to continue from: its progress, its resolved scenario and its checkpoints. */
export function readRunRecord(dir: string): { progress: RunProgressRecord; scenarioText: string } {
  const progress = readRunProgress(dir);
  const resolved = join(dir, "scenario.resolved.json");
  if (progress === undefined || !existsSync(resolved))
    throw usage(
      `${dir}: no progress.json or scenario.resolved.json (written by a Crucible that did not stream its tables)`,
    );
  return { progress, scenarioText: readFileSync(resolved, "utf8") };
}

/**
 * The run's scenario, validated again from the resolved scenario the run recorded (with `set`
 * applied, for a fork), its population and mechanism (relative to the scenario file it was run from).
 */
export async function prepareRecorded(
  dir: string,
  record: { progress: RunProgressRecord; scenarioText: string },
  set: readonly SetOverride[] = [],
  /** The scenario to parse instead of the recorded one (a fork's, patched), and the file its errors name. */
  changed?: { text: string; file: string; edit?: (scenario: Scenario) => void },
): Promise<PreparedRun> {
  const file = record.progress.scenarioFile;
  const warnings: string[] = [];
  const scenario = parseScenario(
    changed?.text ?? record.scenarioText,
    changed?.file ?? join(dir, "scenario.resolved.json"),
    { set, warn: (line) => warnings.push(line) },
  );
  changed?.edit?.(scenario);
  const yamlPath = join(dir, "scenario.yaml");
  return {
    warnings,
    file,
    scenario,
    scenarioYaml: existsSync(yamlPath) ? readFileSync(yamlPath, "utf8") : record.scenarioText,
    population: buildPopulation(scenario, file),
    mechanism: await resolveMechanism(scenario, file),
  };
}

/** The latest checkpoint at or before `epoch` (any, without), read and checked whole. */
export function latestCheckpoint(
  dir: string,
  epoch = Number.POSITIVE_INFINITY,
): { header: CheckpointHeader; snapshot: EngineSnapshot } | undefined {
  const found = listCheckpoints(dir)
    .filter((c) => c.epoch <= epoch)
    .at(-1);
  if (found === undefined) return undefined;
  const { header, state } = readCheckpoint(found.path);
  if (header.epoch !== found.epoch)
    throw new CrucibleError(
      "CRUCIBLE_CHECKPOINT_INVALID",
      `${found.path}: holds epoch ${header.epoch}, not ${found.epoch}`,
    );
  return { header, snapshot: unpackSnapshot(state as EngineSnapshot) };
}
