import type { Rng } from "../rng/createRng.ts";
import {
  buildPoint,
  type Dimension,
  drawUniform,
  fromUnit,
  isActive,
  type NumericDimension,
  type Point,
  toUnit,
} from "./searchSpace.ts";

/** Draws candidates, and (for the cross-entropy method) learns from the best of each generation. */
export interface Sampler {
  draw(rng: Rng): Point;
  /** Updates the sampling distribution towards the elite (the best candidates of a generation). */
  update(elite: readonly Point[]): void;
  /** The current distribution, for the search's records. */
  describe(): Record<string, unknown>;
}

export interface CrossEntropyOptions {
  /** α: weight of the elite's statistics in each update (Kroese et al.'s smoothing; 1: no memory). */
  smoothing: number;
  /** Floor of a numeric dimension's standard deviation in unit coordinates (keeps exploring). */
  minSpread: number;
}

/**
 * Dynamic smoothing of the standard deviations (Kroese, Porotsky & Rubinstein, "The Cross-Entropy
 * Method for Continuous Multi-Extremal Optimization", 2006, §3): at update t the elite's spread gets
 * weight β_t = β − β(1 − 1/t)^q, so the spread shrinks quickly at first and ever more slowly, which
 * keeps the Gaussians from collapsing before the means have settled (β = 0.8, q = 5 there).
 */
const SPREAD_BETA = 0.8;
const SPREAD_Q = 5;
export function spreadWeight(t: number): number {
  return SPREAD_BETA - SPREAD_BETA * (1 - 1 / t) ** SPREAD_Q;
}

const UNIFORM_SD = Math.sqrt(1 / 12);

interface NumericState {
  kind: "numeric";
  /** Unit-coordinate Gaussian; `uniform` until the first update (the start is the uniform draw). */
  mean: number;
  sd: number;
  uniform: boolean;
}
interface CategoricalState {
  kind: "categorical";
  probabilities: number[];
}

/**
 * The cross-entropy method over a mixed space (Rubinstein 1999; de Boer, Kroese, Mannor, Rubinstein,
 * "A Tutorial on the Cross-Entropy Method", Ann. Oper. Res. 2005, §§2–3 with smoothed updates):
 * numeric dimensions are independent Gaussians in unit coordinates (clipped to [0, 1], integers
 * rounded), categorical ones independent categorical distributions. The first generation is
 * uniform; each update moves every distribution towards the elite's maximum-likelihood fit, the
 * means and probabilities with weight α, the standard deviations with the dynamic weight β_t
 * (`spreadWeight`), a dimension only from the elite members where it is active. Pure: randomness comes from the caller's stream.
 */
export function createCrossEntropy(dims: readonly Dimension[], options: CrossEntropyOptions): Sampler {
  const state: (NumericState | CategoricalState)[] = dims.map((d) =>
    d.kind === "categorical"
      ? { kind: "categorical", probabilities: d.labels.map(() => 1 / d.labels.length) }
      : { kind: "numeric", mean: 0.5, sd: UNIFORM_SD, uniform: true },
  );
  const alpha = options.smoothing;
  let updates = 0;
  return {
    draw(rng) {
      return buildPoint(dims, (dim, i) => {
        const s = state[i];
        if (s.kind === "categorical")
          return (dim as Extract<Dimension, { kind: "categorical" }>).labels[
            pick(s.probabilities, rng.float())
          ];
        const u = s.uniform ? rng.float() : s.mean + s.sd * rng.normal();
        return fromUnit(dim as NumericDimension, u);
      });
    },
    update(elite) {
      updates++;
      const beta = spreadWeight(updates);
      dims.forEach((dim, i) => {
        const members = elite.filter((p) => isActive(dim, p) && p[dim.name] !== undefined);
        if (members.length === 0) return;
        const s = state[i];
        if (s.kind === "categorical") {
          const labels = (dim as Extract<Dimension, { kind: "categorical" }>).labels;
          s.probabilities = s.probabilities.map((p, k) => {
            const freq = members.filter((m) => m[dim.name] === labels[k]).length / members.length;
            return alpha * freq + (1 - alpha) * p;
          });
          return;
        }
        const us = members.map((m) => toUnit(dim as NumericDimension, m[dim.name] as number));
        const mean = us.reduce((a, b) => a + b, 0) / us.length;
        const sd = Math.sqrt(us.reduce((a, u) => a + (u - mean) ** 2, 0) / us.length);
        s.mean = alpha * mean + (1 - alpha) * s.mean;
        s.sd = Math.max(options.minSpread, beta * sd + (1 - beta) * s.sd);
        s.uniform = false;
      });
    },
    describe() {
      return Object.fromEntries(
        dims.map((d, i) => {
          const s = state[i];
          if (s.kind === "categorical") {
            const labels = (d as Extract<Dimension, { kind: "categorical" }>).labels;
            return [d.name, Object.fromEntries(labels.map((l, k) => [l, round(s.probabilities[k])]))];
          }
          return [d.name, s.uniform ? "uniform" : { mean: round(s.mean), sd: round(s.sd) }];
        }),
      );
    },
  };
}

/** Random search: every generation drawn uniformly, nothing learnt (the baseline). */
export function createUniformSampler(dims: readonly Dimension[]): Sampler {
  return {
    draw: (rng) => drawUniform(dims, rng),
    update: () => {},
    describe: () => ({ method: "random" }),
  };
}

function pick(probabilities: readonly number[], u: number): number {
  const total = probabilities.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let k = 0; k < probabilities.length; k++) {
    acc += probabilities[k] / total;
    if (u < acc) return k;
  }
  return probabilities.length - 1;
}

const round = (x: number) => Number(x.toPrecision(4));
