import { CrucibleError } from "../errors/CrucibleError.ts";
import { createRng, type Rng } from "../rng/createRng.ts";
import { readPath } from "../scenario/setOverrides.ts";
import type { Sweep, SweepConstraint, SweepParameter } from "./sweepSchema.ts";

export type ParameterValue = number | string | boolean;

/** One point of the sweep: a value per swept path, and the derived ones. */
export type SweepPoint = Record<string, ParameterValue>;

/** One run: a point and a replicate, with its seed. */
export interface PlannedRun {
  /** Position in the plan (point-major: point × replicates + replicate). */
  index: number;
  point: number;
  replicate: number;
  seed: number;
  values: SweepPoint;
  /** Names the run's folder and result file: `<index>-<seed>`. */
  id: string;
}

export interface SweepPlan {
  points: SweepPoint[];
  /** One seed per replicate, derived from the root seed; the same across points (common random numbers). */
  seeds: number[];
  runs: PlannedRun[];
}

/** Reads a significant-digit-rounded number, so 0.1 + 0.2 lands on 0.3 in tables and file names. */
function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

function fromUnit(p: SweepParameter, u: number): ParameterValue {
  if ("values" in p) return p.values[Math.min(p.values.length - 1, Math.floor(u * p.values.length))];
  const x = p.scale === "log" ? p.from * (p.to / p.from) ** u : p.from + (p.to - p.from) * u;
  return p.integer ? Math.round(x) : tidy(x);
}

/** The values a parameter takes in grid and zip modes. */
export function parameterValues(p: SweepParameter): ParameterValue[] {
  if ("values" in p) return [...p.values];
  const steps = p.steps ?? 1;
  if (steps === 1) return [p.integer ? Math.round(p.from) : p.from];
  return Array.from({ length: steps }, (_, i) => {
    const u = i / (steps - 1);
    const x = p.scale === "log" ? p.from * (p.to / p.from) ** u : p.from + (p.to - p.from) * u;
    return p.integer ? Math.round(x) : tidy(x);
  });
}

function gridPoints(parameters: readonly SweepParameter[]): SweepPoint[] {
  let points: SweepPoint[] = [{}];
  for (const p of parameters) {
    const values = parameterValues(p);
    points = points.flatMap((point) => values.map((v) => ({ ...point, [p.path]: v })));
  }
  return points;
}

function zipPoints(parameters: readonly SweepParameter[]): SweepPoint[] {
  const columns = parameters.map(parameterValues);
  return columns[0].map((_, i) => Object.fromEntries(parameters.map((p, j) => [p.path, columns[j][i]])));
}

function randomPoints(parameters: readonly SweepParameter[], count: number, rng: Rng): SweepPoint[] {
  return Array.from({ length: count }, () =>
    Object.fromEntries(parameters.map((p) => [p.path, fromUnit(p, rng.float())])),
  );
}

/** Latin hypercube: each parameter's interval cut into `count` strata, each stratum used once, a
 * uniform draw within it, the strata paired across parameters by independent permutations. */
function latinHypercubePoints(parameters: readonly SweepParameter[], count: number, rng: Rng): SweepPoint[] {
  const columns = parameters.map((p) => {
    const strata = rng.shuffle(Array.from({ length: count }, (_, k) => k));
    return strata.map((k) => fromUnit(p, (k + rng.float()) / count));
  });
  return Array.from({ length: count }, (_, i) =>
    Object.fromEntries(parameters.map((p, j) => [p.path, columns[j][i]])),
  );
}

/** Applies the constraints in order: `derive = total − Σ remainderOf`, each term from the point or,
 * when not swept, from the base scenario (resolved, defaults applied). */
export function applyConstraints(
  point: SweepPoint,
  constraints: readonly SweepConstraint[],
  base: unknown,
): SweepPoint {
  const out: SweepPoint = { ...point };
  for (const c of constraints) {
    let sum = 0;
    for (const path of c.remainderOf) {
      const value = path in out ? out[path] : readPath(base, path);
      if (typeof value !== "number")
        throw new CrucibleError(
          "CRUCIBLE_SCENARIO_INVALID",
          `constraints: ${c.derive}: ${path} is ${value === undefined ? "not in the scenario" : `not a number (${JSON.stringify(value)})`}`,
        );
      sum += value;
    }
    out[c.derive] = tidy(c.total - sum);
  }
  return out;
}

/** The seed of each replicate, drawn from the root seed (distinct). */
export function replicateSeeds(rootSeed: number, replicates: number): number[] {
  const rng = createRng(rootSeed).fork("sweep-replicates");
  const seeds: number[] = [];
  const seen = new Set<number>();
  while (seeds.length < replicates) {
    const s = rng.int(0, 2 ** 31 - 1);
    if (!seen.has(s)) {
      seen.add(s);
      seeds.push(s);
    }
  }
  return seeds;
}

/** Every run of a sweep: the points of its mode, the constraints, the replicates. Pure and seeded. */
export function expandSweep(sweep: Sweep, base: unknown): SweepPlan {
  const rng = createRng(sweep.seed).fork("sweep-points");
  const count = sweep.count ?? 0;
  const raw =
    sweep.mode === "grid"
      ? gridPoints(sweep.parameters)
      : sweep.mode === "zip"
        ? zipPoints(sweep.parameters)
        : sweep.mode === "random"
          ? randomPoints(sweep.parameters, count, rng)
          : latinHypercubePoints(sweep.parameters, count, rng);
  const points = raw.map((p) => applyConstraints(p, sweep.constraints, base));
  const seeds = replicateSeeds(sweep.seed, sweep.replicates);
  const runs = points.flatMap((values, point) =>
    seeds.map((seed, replicate): PlannedRun => {
      const index = point * seeds.length + replicate;
      return { index, point, replicate, seed, values, id: `${index}-${seed}` };
    }),
  );
  return { points, seeds, runs };
}
