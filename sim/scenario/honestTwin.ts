import type { Scenario } from "./scenarioSchema.ts";

/**
 * The overrides that turn a scenario into its honest twin: the same population, operators, stakes
 * and joins, every strategy set to honest. An attack's effect is its run against this one, seed for
 * seed (notebooks/attackMatrix.ts, test/attackScenariosSmoke.test.ts).
 */
export function honestTwinOverrides(scenario: Scenario): Record<string, unknown> {
  return {
    population: {
      miners: scenario.population.miners.map((g) => ({ ...g, strategy: "honest" })),
      validators: scenario.population.validators.map((g) => ({ ...g, strategy: "honest" })),
    },
  };
}
