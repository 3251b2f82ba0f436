import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Mechanism } from "../mechanisms/mechanism.ts";
import { stakeWeightedMean } from "../mechanisms/stakeWeightedMean.ts";
import type { Scenario } from "../scenario/scenarioSchema.ts";

const MECHANISMS: Record<string, () => Mechanism<unknown>> = {
  "stake-weighted-mean": () => stakeWeightedMean as Mechanism<unknown>,
};

/** The scenario's mechanism, or a bad-input error naming the file and field. */
export function resolveMechanism(scenario: Scenario, file: string): Mechanism<unknown> {
  const factory = Object.hasOwn(MECHANISMS, scenario.mechanism.name)
    ? MECHANISMS[scenario.mechanism.name]
    : undefined;
  if (!factory) {
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `${file}: mechanism.name: unknown mechanism "${scenario.mechanism.name}", expected one of ${Object.keys(MECHANISMS).join("|")}`,
    );
  }
  return factory();
}
