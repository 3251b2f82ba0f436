import { availableParallelism } from "node:os";

/**
 * The cores one run may use: the machine's, or the share a sweep gives each of its runs
 * (`CRUCIBLE_CORES`, set by the pool to cores ÷ runs at once) so parallel runs do not oversubscribe.
 */
export function runCores(env: NodeJS.ProcessEnv = process.env): number {
  const share = Number(env.CRUCIBLE_CORES);
  return Number.isInteger(share) && share >= 1 ? share : availableParallelism();
}
