import type { MinerStrategy } from "../sim/population/agentTypes.ts";

/**
 * A miner that left (open participation, issue 27): it stopped serving, so every answer is missing
 * (NaN), which every task scores 0 (no accuracy, no finite error). It still holds its UID until a
 * registration prunes it: the contracts have no voluntary deregistration. Its name, compute flag and
 * past decisions stay those of the strategy it ran (agents.csv keeps its strategy).
 */
export function stoppedMiner(was: MinerStrategy): MinerStrategy {
  return {
    get name() {
      return was.name;
    },
    get computes() {
      return was.computes;
    },
    get decisions() {
      return was.decisions;
    },
    answer: ({ nQueries, outputs }) => new Float32Array(nQueries * outputs).fill(Number.NaN),
  };
}
