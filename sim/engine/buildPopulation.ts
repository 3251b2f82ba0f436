import type { StrategyEntry } from "../../agents/defineStrategy.ts";
import { honestValidator } from "../../agents/honestValidator.ts";
import { minerStrategies, validatorStrategies } from "../../agents/registry.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { MinerStrategy, ValidatorStrategy } from "../population/agentTypes.ts";
import type { Scenario } from "../scenario/scenarioSchema.ts";
import { strategyNameAndParams } from "../scenario/strategySpecSchema.ts";

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
  /** The operator that owns it (`operators:`); left out: it works alone (its own operator). */
  operator?: string;
  /** Left out: it registers at genesis; PROSPECT_JOIN_EPOCH: a prospect of `participation:`. */
  joinEpoch?: number;
}

export interface MinerSpec {
  /** As `ValidatorSpec.uid`. */
  uid: number;
  /** As `ValidatorSpec.slot`. */
  slot: number;
  /** Its model's index in the inference adapter (its position among all miners). */
  model: number;
  /** Epoch at whose start it registers (0: genesis; PROSPECT_JOIN_EPOCH: a prospect of
   * `participation:`, which registers when it decides to). */
  joinEpoch: number;
  agent: string;
  tier: string;
  weightNoise: number;
  /** Tokens it stakes on itself at genesis (collateral an owner's slash burns; 0: none). */
  stake: number;
  strategy: MinerStrategy;
  /** As `ValidatorSpec.operator`. */
  operator?: string;
}

/** A prospect's joinEpoch: no fixed epoch (open participation decides). */
export const PROSPECT_JOIN_EPOCH = -1;

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
    const { name, params } = strategyNameAndParams(group.strategy);
    const entry = lookup(validatorStrategies, name, file, `population.validators[${g}].strategy`);
    for (let k = 0; k < group.count; k++) {
      const uid = validators.length;
      validators.push({
        uid,
        slot: uid,
        agent: `validator-${uid}`,
        stake: group.stake,
        queriesPerEpoch: group.queriesPerEpoch,
        minersPerEpoch: group.minersPerEpoch,
        strategy: create(entry, params, file, `population.validators[${g}].strategy`),
        ...(group.operator === undefined ? {} : { operator: group.operator }),
      });
    }
  });
  // Open participation: prospective validators follow the population's validators.
  scenario.participation?.validatorProspects.forEach((group) => {
    for (let k = 0; k < group.count; k++) {
      const uid = validators.length;
      validators.push({
        uid,
        slot: uid,
        agent: `validator-${uid}`,
        stake: group.stake,
        queriesPerEpoch: 32,
        minersPerEpoch: "all",
        strategy: honestValidator.create({}),
        joinEpoch: PROSPECT_JOIN_EPOCH,
      });
    }
  });
  scenario.population.miners.forEach((group, g) => {
    const { name, params } = strategyNameAndParams(group.strategy);
    const entry = lookup(minerStrategies, name, file, `population.miners[${g}].strategy`);
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
        strategy: create(entry, params, file, `population.miners[${g}].strategy`),
        ...(group.operator === undefined ? {} : { operator: group.operator }),
      });
    }
  });
  // Open participation: prospects follow the population's miners and register when they decide to.
  scenario.participation?.prospects.forEach((group, g) => {
    const { name, params } = strategyNameAndParams(group.strategy);
    const path = `participation.prospects[${g}].strategy`;
    const entry = lookup(minerStrategies, name, file, path);
    for (let k = 0; k < group.count; k++) {
      const index = miners.length;
      miners.push({
        uid: validators.length + index,
        slot: validators.length + index,
        model: index,
        joinEpoch: PROSPECT_JOIN_EPOCH,
        agent: `miner-${index}`,
        tier: group.tier,
        weightNoise: 0.05,
        stake: 0,
        strategy: create(entry, params, file, path),
      });
    }
  });
  scenario.slashing.flagMiners.forEach((rule, i) => {
    lookup(minerStrategies, rule.strategy, file, `slashing.flagMiners[${i}].strategy`);
  });
  return { validators, miners, n: validators.length + miners.length };
}

/** One agent's strategy; parameters the scenario schema let through are checked again here, for
 * callers that build a population from a scenario object. */
function create<S>(entry: StrategyEntry<S>, params: unknown, file: string, path: string): S {
  const parsed = entry.params.safeParse(params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `${file}: ${[path, "params", ...issue.path].join(".")}: ${issue.message}`,
    );
  }
  return entry.create(parsed.data);
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
