import { totalmem } from "node:os";
import { CrucibleError } from "../errors/CrucibleError.ts";

/**
 * What a run of this population needs in memory, refused before any work starts when the machine
 * cannot hold it (a 10^12-miner population would otherwise die of heap exhaustion a minute in).
 *
 * The coefficients are measured, not guessed: `npm run bench:inference` on the wasm backend peaks at
 * 0.66 GiB with 1,000 miners and 2.44 GiB with 10,000 (docs/performance.md), about 0.2 MiB a miner
 * over a 0.45 GiB base; each validator holds a score row and a weight row a miner wide in float64.
 */
export const RUN_BASE_BYTES = 0.45 * 2 ** 30;
export const BYTES_PER_MINER = 0.2 * 2 ** 20;
/** Rows a validator keeps per miner (scores, weights, bonds, a copy for the chain), 8 bytes each. */
const VALIDATOR_ROWS = 4;
/** Share of the machine's memory a run may plan to use (the OS, Anvil and the report need the rest). */
export const MEMORY_SHARE = 0.8;

interface PopulationShape {
  population: {
    miners: readonly { count: number }[];
    validators: readonly { count: number }[];
  };
}

export function estimateRunBytes(s: PopulationShape): number {
  const miners = s.population.miners.reduce((n, g) => n + g.count, 0);
  const validators = s.population.validators.reduce((n, g) => n + g.count, 0);
  return RUN_BASE_BYTES + miners * BYTES_PER_MINER + validators * miners * 8 * VALIDATOR_ROWS;
}

const gib = (bytes: number): string =>
  bytes < 2 ** 50 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 30).toExponential(2)} GiB`;

/** Throws CRUCIBLE_SCENARIO_INVALID naming the largest population group when the run cannot fit. */
export function checkRunFits(s: PopulationShape, file: string, machineBytes: number = totalmem()): void {
  const need = estimateRunBytes(s);
  const limit = machineBytes * MEMORY_SHARE;
  if (need <= limit) return;
  const groups = [
    ...s.population.miners.map((g, i) => ({ path: `population.miners[${i}].count`, count: g.count })),
    ...s.population.validators.map((g, i) => ({ path: `population.validators[${i}].count`, count: g.count })),
  ];
  const largest = groups.reduce((a, b) => (b.count > a.count ? b : a));
  throw new CrucibleError(
    "CRUCIBLE_SCENARIO_INVALID",
    `${file}: ${largest.path}: the population needs about ${gib(need)} of memory, more than this machine allows a run (${gib(limit)}, ${MEMORY_SHARE * 100} % of ${gib(machineBytes)})`,
    {
      details: `estimate: ${gib(RUN_BASE_BYTES)} + ${(BYTES_PER_MINER / 2 ** 20).toFixed(1)} MiB per miner + ${VALIDATOR_ROWS * 8} bytes per validator per miner (measured by npm run bench:inference)`,
    },
  );
}
