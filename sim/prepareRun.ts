import { readFile } from "node:fs/promises";
import { buildPopulation, type Population } from "./engine/buildPopulation.ts";
import { resolveMechanism } from "./engine/resolveMechanism.ts";
import type { Mechanism } from "./mechanisms/mechanism.ts";
import { loadScenario } from "./scenario/loadScenario.ts";
import type { Scenario } from "./scenario/scenarioSchema.ts";
import type { SetOverride } from "./scenario/setOverrides.ts";

export interface PrepareRunOptions {
  scenarioPath: string;
  seed?: number;
  epochs?: number;
  /** Scenario fields merged into the file before validation, as a JSON Merge Patch (see `LoadScenarioOptions`). */
  overrides?: Record<string, unknown>;
  /** Fields set by path, after `overrides` (`crucible run --set path=value`; see `parseSetFlags`). */
  set?: readonly SetOverride[];
}

export interface PreparedRun {
  file: string;
  scenario: Scenario;
  scenarioYaml: string;
  population: Population;
  mechanism: Mechanism<unknown>;
  /** Deprecation notes about the scenario (fields spelled the old way), one line each. */
  warnings: string[];
}

/**
 * Everything that can be bad input, checked before anything starts or is written: the scenario file,
 * its schema, strategy and mechanism names. Imports nothing heavy (no tfjs, viem or vega), so the
 * CLI answers bad input in well under a second.
 */
export async function prepareRun(options: PrepareRunOptions): Promise<PreparedRun> {
  const file = options.scenarioPath;
  const warnings: string[] = [];
  const scenario = await loadScenario(file, { ...options, warn: (line) => warnings.push(line) });
  return {
    warnings,
    file,
    scenario,
    scenarioYaml: await readFile(file, "utf8"),
    population: buildPopulation(scenario, file),
    mechanism: await resolveMechanism(scenario, file),
  };
}
