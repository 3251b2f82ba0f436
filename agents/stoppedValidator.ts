import type { ValidatorStrategy } from "../sim/population/agentTypes.ts";

/**
 * A validator that left (open participation, issue 27): it sends no queries and sets no weights,
 * and has unstaked its own stake; it keeps its UID until a registration prunes it (no voluntary
 * deregistration). Its name stays that of the strategy it ran.
 */
export function stoppedValidator(was: ValidatorStrategy): ValidatorStrategy {
  return {
    get name() {
      return was.name;
    },
    chooseQueries: () => [],
    weigh: () => null,
  };
}
