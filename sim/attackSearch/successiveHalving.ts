import { CrucibleError } from "../errors/CrucibleError.ts";

/**
 * Successive halving (Jamieson & Talwalkar 2016; the inner loop of Hyperband, Li et al. 2018) over
 * epochs and seeds: rung 0 scores every candidate of a generation on short runs and few seeds, each
 * later rung keeps the best 1/eta and scores it longer and on more seeds; the last rung is full
 * length on every evaluation seed, so its scores are comparable across generations (common random
 * numbers: the same seeds for every candidate). Pure.
 */
export interface Rung {
  index: number;
  /** Epochs of each run at this rung. */
  epochs: number;
  /** The evaluation seeds a candidate is scored on here (a prefix of the search's seeds). */
  seeds: number[];
  /** How many candidates of a generation reach this rung. */
  candidates: number;
}

export interface HalvingOptions {
  population: number;
  eta: number;
  rungs: number;
  minEpochs: number;
  /** A full-length run's epochs. */
  epochs: number;
  seeds: readonly number[];
}

export function halvingRungs(o: HalvingOptions): Rung[] {
  return Array.from({ length: o.rungs }, (_, r) => {
    const shrink = o.eta ** (o.rungs - 1 - r);
    return {
      index: r,
      epochs: Math.max(Math.min(o.minEpochs, o.epochs), Math.round(o.epochs / shrink)),
      seeds: o.seeds.slice(0, Math.max(1, Math.ceil(o.seeds.length / shrink))),
      candidates: Math.max(1, Math.ceil(o.population / o.eta ** r)),
    };
  });
}

/** The elite a generation hands the optimizer: the last rung's candidates (or the top 1/eta with one rung). */
export function eliteSize(rungs: readonly Rung[], eta: number): number {
  const last = rungs[rungs.length - 1];
  return rungs.length >= 2 ? last.candidates : Math.max(1, Math.ceil(last.candidates / eta));
}

/**
 * What one generation costs, in full-length runs (a run of e of E epochs counts e/E), with
 * `runsPerEvaluation` runs per candidate and seed (2 when each needs its honest twin).
 */
export function generationCost(rungs: readonly Rung[], epochs: number, runsPerEvaluation: number): number {
  return rungs.reduce(
    (s, r) => s + (r.candidates * r.seeds.length * r.epochs * runsPerEvaluation) / epochs,
    0,
  );
}

/** Generations a run budget pays for; throws when it does not pay for one. */
export function generationsFor(budget: number, cost: number, where: string): number {
  const n = Math.floor(budget / cost + 1e-9);
  if (n < 1)
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `${where}: runs: a budget of ${budget} runs does not pay for one generation (${Number(cost.toPrecision(4))} runs); raise runs or lower optimizer.population, halving.rungs or seeds`,
    );
  return n;
}
