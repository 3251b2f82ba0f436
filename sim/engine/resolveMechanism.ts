import { dirname } from "node:path";
import { loadMechanism } from "../mechanisms/loadMechanism.ts";
import type { Mechanism } from "../mechanisms/mechanism.ts";
import type { Scenario } from "../scenario/scenarioSchema.ts";

/**
 * The scenario's mechanism: a built-in by name or a user module (relative to the scenario file).
 * Bad names or params are bad input naming the file and field (`mechanism.params.kappa`).
 */
export function resolveMechanism(scenario: Scenario, file: string): Promise<Mechanism<unknown>> {
  return loadMechanism(scenario.mechanism, { baseDir: dirname(file), file });
}
