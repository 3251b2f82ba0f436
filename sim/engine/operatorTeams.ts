import type { Team } from "../population/agentTypes.ts";
import type { MinerSpec, ValidatorSpec } from "./buildPopulation.ts";

/**
 * Each agent's team this epoch: its UID and the positions (in this epoch's miner order) of the miners
 * its operator holds. An agent without an operator works alone: a miner's team is itself, a
 * validator's has no miners.
 */
export function operatorTeams(population: {
  validators: readonly ValidatorSpec[];
  miners: readonly MinerSpec[];
}) {
  const minersOf = new Map<string, number[]>();
  population.miners.forEach((m, i) => {
    if (m.operator === undefined) return;
    const list = minersOf.get(m.operator) ?? [];
    list.push(i);
    minersOf.set(m.operator, list);
  });
  return {
    validator: (v: ValidatorSpec): Team => ({
      uid: v.uid,
      minerIndices: v.operator === undefined ? [] : (minersOf.get(v.operator) ?? []),
    }),
    miner: (m: MinerSpec, i: number): Team => ({
      uid: m.uid,
      minerIndices: m.operator === undefined ? [i] : (minersOf.get(m.operator) ?? [i]),
    }),
  };
}
