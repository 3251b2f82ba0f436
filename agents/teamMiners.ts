import type { Team } from "../sim/population/agentTypes.ts";

/** The positions of its operator's miners, as a set (empty when it works alone or has none). */
export function teamMinerSet(team: Team | undefined): Set<number> {
  return new Set(team?.minerIndices ?? []);
}
