import { buildPopulation } from "../engine/buildPopulation.ts";
import { parseScenario } from "../scenario/loadScenario.ts";
import type { Scenario } from "../scenario/scenarioSchema.ts";
import type { SetOverride } from "../scenario/setOverrides.ts";
import { type AttackerHoldings, attackerHoldings } from "./attackerBudget.ts";
import { pointToSets } from "./pointToSets.ts";
import type { Search } from "./searchSchema.ts";
import type { Point } from "./searchSpace.ts";

/** The base scenario a search varies: its text and path, and the search's fixed fields as `--set`s. */
export interface SearchBase {
  search: Search;
  /** The search file (for messages). */
  searchFile: string;
  scenarioPath: string;
  scenarioText: string;
  fixed: SetOverride[];
}

/** A candidate made concrete: its `--set`s, the scenario they give, what the attacker holds. */
export interface CandidateScenario {
  sets: SetOverride[];
  scenario: Scenario;
  holdings: AttackerHoldings;
  /** The attacker operator's agents (names as in agents.csv). */
  attackerAgents: Set<string>;
  /** The `--set`s of its honest twin: the same population, stakes and joins, every strategy honest. */
  twinSets: SetOverride[];
}

/** Resolves a candidate against the base scenario (throws the scenario's own error when it is invalid). */
export function candidateScenario(base: SearchBase, point: Point): CandidateScenario {
  const sets = [...base.fixed, ...pointToSets(base.search, point)];
  const scenario = parseScenario(base.scenarioText, base.scenarioPath, {
    set: structuredClone(sets),
    epochs: base.search.epochs,
  });
  const population = buildPopulation(scenario, base.scenarioPath);
  const attackerAgents = new Set(
    [...population.validators, ...population.miners]
      .filter((a) => a.operator === base.search.attacker)
      .map((a) => a.agent),
  );
  const twinSets: SetOverride[] = [
    ...sets.filter((s) => !s.path.startsWith("population.")),
    {
      path: "population.miners",
      value: scenario.population.miners.map((g) => ({ ...g, strategy: "honest" })),
    },
    {
      path: "population.validators",
      value: scenario.population.validators.map((g) => ({ ...g, strategy: "honest" })),
    },
  ];
  return {
    sets,
    scenario,
    holdings: attackerHoldings(scenario, base.search.attacker),
    attackerAgents,
    twinSets,
  };
}
