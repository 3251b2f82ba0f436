import { minerStrategies, validatorStrategies } from "../../agents/registry.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { MinerStrategy, ValidatorStrategy } from "../population/agentTypes.ts";
import type { Scenario } from "../scenario/scenarioSchema.ts";

export interface ValidatorSpec {
  /** The UID it holds (in a per-epoch view, read from the chain; in the full population, the UID it
   * gets when every agent registers at genesis). */
  uid: number;
  /** The agent's fixed index in the population (validators first, then miners), whatever its UID. */
  slot: number;
  agent: string;
  stake: number;
  queriesPerEpoch: number;
  /** Miners it queries and weighs per epoch ("all", or a count drawn each epoch). */
  minersPerEpoch: number | "all";
  strategy: ValidatorStrategy;
}

export interface MinerSpec {
  /** As `ValidatorSpec.uid`. */
  uid: number;
  /** As `ValidatorSpec.slot`. */
  slot: number;
  /** Its model's index in the inference adapter (its position among all miners). */
  model: number;
  /** Epoch at whose start it registers (0: genesis). */
  joinEpoch: number;
  agent: string;
  tier: string;
  weightNoise: number;
  /** Tokens it stakes on itself at genesis (collateral an owner's slash burns; 0: none). */
  stake: number;
  strategy: MinerStrategy;
}

export interface Population {
  validators: ValidatorSpec[];
  miners: MinerSpec[];
  /**
   * The full population: every agent (validators first, then miners; `slot` order). A per-epoch view
   * (`populationView`): the UIDs registered on chain, agents without a UID left out.
   */
  n: number;
}

/**
 * Builds the agents a scenario describes, resolving strategy names against the registry. An unknown
 * strategy is bad input: it names the file and the field, before anything starts.
 */
export function buildPopulation(scenario: Scenario, file: string): Population {
  const validators: ValidatorSpec[] = [];
  const miners: MinerSpec[] = [];
  scenario.population.validators.forEach((group, g) => {
    const factory = lookup(validatorStrategies, group.strategy, file, `population.validators[${g}].strategy`);
    for (let k = 0; k < group.count; k++) {
      const uid = validators.length;
      validators.push({
        uid,
        slot: uid,
        agent: `validator-${uid}`,
        stake: group.stake,
        queriesPerEpoch: group.queriesPerEpoch,
        minersPerEpoch: group.minersPerEpoch,
        strategy: factory({}),
      });
    }
  });
  scenario.population.miners.forEach((group, g) => {
    const factory = lookup(minerStrategies, group.strategy, file, `population.miners[${g}].strategy`);
    for (let k = 0; k < group.count; k++) {
      const index = miners.length;
      miners.push({
        uid: validators.length + index,
        slot: validators.length + index,
        model: index,
        joinEpoch: group.joinEpoch,
        agent: `miner-${index}`,
        tier: group.tier,
        weightNoise: group.weightNoise,
        stake: group.stake,
        strategy: factory({}),
      });
    }
  });
  scenario.slashing.flagMiners.forEach((rule, i) => {
    lookup(minerStrategies, rule.strategy, file, `slashing.flagMiners[${i}].strategy`);
  });
  return { validators, miners, n: validators.length + miners.length };
}

function lookup<T>(registry: Record<string, T>, name: string, file: string, path: string): T {
  const found = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (found === undefined) {
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `${file}: ${path}: unknown strategy "${name}", expected one of ${Object.keys(registry).join("|")}`,
    );
  }
  return found;
}
