/**
 * `npm run bench:attack-search` (tsx bench/attackSearchOptimizer.ts [--seeds 1,2,3]): the attack
 * search's optimizer (the cross-entropy method, sim/attackSearch/crossEntropy.ts) against random
 * search with the same number of evaluations on standard functions with known optima (minimised;
 * 0 is the optimum): sphere in 5-D, Rosenbrock in 2-D and 4-D, a sphere with Gaussian noise (sd 0.5
 * per evaluation; the true value of the chosen point is printed). Prints, per function and seed, the
 * best true value each found and the ratio random ÷ cross-entropy (> 1: the optimizer is better).
 * Pure computation, no runs.
 */
import { loadavg } from "node:os";
import { createCrossEntropy, createUniformSampler, type Sampler } from "../sim/attackSearch/crossEntropy.ts";
import { runSearchLoop } from "../sim/attackSearch/searchLoop.ts";
import type { Dimension, Point } from "../sim/attackSearch/searchSpace.ts";
import { halvingRungs } from "../sim/attackSearch/successiveHalving.ts";
import { createRng, type Rng } from "../sim/rng/createRng.ts";

const i = process.argv.indexOf("--seeds");
const seeds = (i > 0 ? process.argv[i + 1] : "1,2,3").split(",").map(Number);
const box = (n: number, lo: number, hi: number): Dimension[] =>
  Array.from({ length: n }, (_, k) => ({
    kind: "continuous",
    name: `x${k}`,
    min: lo,
    max: hi,
    scale: "linear",
  }));
const xs = (p: Point) =>
  Object.keys(p)
    .sort()
    .map((k) => p[k] as number);
const sphere = (x: number[]) => x.reduce((s, v) => s + v * v, 0);
const rosenbrock = (x: number[]) =>
  x.slice(0, -1).reduce((s, a, k) => s + 100 * (x[k + 1] - a * a) ** 2 + (1 - a) ** 2, 0);

const cases: {
  name: string;
  dims: Dimension[];
  f: (x: number[]) => number;
  noise: number;
  pop: number;
  gens: number;
}[] = [
  { name: "sphere 5-D", dims: box(5, -5, 5), f: sphere, noise: 0, pop: 30, gens: 30 },
  { name: "Rosenbrock 2-D", dims: box(2, -2, 2), f: rosenbrock, noise: 0, pop: 40, gens: 40 },
  { name: "Rosenbrock 4-D", dims: box(4, -2, 2), f: rosenbrock, noise: 0, pop: 40, gens: 40 },
  { name: "noisy sphere 3-D", dims: box(3, -5, 5), f: sphere, noise: 0.5, pop: 30, gens: 30 },
];

async function best(sampler: Sampler, c: (typeof cases)[number], seed: number): Promise<number> {
  const noise: Rng = createRng(seed).fork("noise");
  const rungs = halvingRungs({ population: c.pop, eta: 5, rungs: 1, minEpochs: 1, epochs: 1, seeds: [1] });
  const r = await runSearchLoop({
    sampler,
    rng: createRng(seed),
    population: c.pop,
    eta: 5,
    rungs,
    generations: c.gens,
    score: async (batch) => batch.map((e) => -c.f(xs(e.candidate.point)) + c.noise * noise.normal()),
  });
  return c.f(xs(r.best?.point as Point));
}

console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(
  "| function | evaluations | seed | cross-entropy best f | random best f | random ÷ cross-entropy |",
);
console.log("| --- | --- | --- | --- | --- | --- |");
for (const c of cases) {
  for (const seed of seeds) {
    const a = await best(createCrossEntropy(c.dims, { smoothing: 0.7, minSpread: 1e-4 }), c, seed);
    const r = await best(createUniformSampler(c.dims), c, seed);
    const fmt = (v: number) => v.toPrecision(3);
    console.log(`| ${c.name} | ${c.pop * c.gens} | ${seed} | ${fmt(a)} | ${fmt(r)} | ${fmt(r / a)} |`);
  }
}
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
