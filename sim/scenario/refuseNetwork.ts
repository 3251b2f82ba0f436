import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Scenario } from "./scenarioSchema.ts";

/**
 * A command that runs one subnet refuses a network scenario (one with `subnets:`, issue 21) instead
 * of running only its top-level subnet: one error naming the file and field, before any slow work.
 * `where` is the file and field that led to the scenario (e.g. a sweep's `scenario:`).
 */
export function refuseNetwork(scenario: Pick<Scenario, "subnets">, command: string, where: string): void {
  if (scenario.subnets === undefined || scenario.subnets === null) return;
  throw new CrucibleError(
    "CRUCIBLE_SCENARIO_INVALID",
    `${where}: subnets: crucible ${command} does not run network scenarios (it would run only the top-level subnet); run the network with crucible run, or check, sweep or compare one subnet's scenario`,
  );
}
