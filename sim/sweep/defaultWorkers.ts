import { availableParallelism, freemem } from "node:os";

/** Memory one run is given room for (a run of the quickstart peaks well under this; see docs/performance.md). */
export const MEMORY_PER_RUN_BYTES = 1.5 * 1024 ** 3;

/** Pool size from the machine: one run per core, fewer when free memory cannot hold them. */
export function defaultWorkers(cores = availableParallelism(), free = freemem()): number {
  return Math.max(1, Math.min(cores, Math.floor(free / MEMORY_PER_RUN_BYTES)));
}
