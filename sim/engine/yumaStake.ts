import type { Population } from "./buildPopulation.ts";

/**
 * Where a subnet's Yuma stake comes from when it is not the subnet's own chain stake: a network run
 * with `dtao.stakeFeedback` (issue 21) gives each agent's alpha in that subnet, in tokens, epoch by
 * epoch. `stakeAt(epoch)` is awaited before the epoch's mechanism; `epochDone` hears each epoch's
 * agent rows as it ends (the network pays from them).
 */
export interface YumaStakeSource {
  stakeAt(epoch: number): Promise<ReadonlyMap<string, number>>;
  epochDone(
    epoch: number,
    rows: readonly { agent: string; role: string; incentive: number; dividends: number }[],
  ): void;
}

/** The stake vector by UID from stake by agent name (an agent absent from the map: 0). */
export function stakeByUid(population: Population, byAgent: ReadonlyMap<string, number>): Float64Array {
  const stake = new Float64Array(population.n);
  for (const a of [...population.validators, ...population.miners]) stake[a.uid] = byAgent.get(a.agent) ?? 0;
  return stake;
}
