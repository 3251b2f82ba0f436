import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Rng } from "../rng/createRng.ts";
import type { Sampler } from "./crossEntropy.ts";
import type { Point } from "./searchSpace.ts";
import { eliteSize, type Rung } from "./successiveHalving.ts";

export interface Candidate {
  id: number;
  generation: number;
  point: Point;
  /** Mean objective over the rung's seeds, per rung reached (NaN: a run failed). */
  scores: number[];
}

/** One candidate at one rung: what the caller runs and scores. */
export interface Evaluation {
  candidate: Candidate;
  rung: Rung;
}

/** Scores a batch of evaluations (the caller may run them all at once); one number each, NaN on failure. */
export type ScoreBatch = (batch: readonly Evaluation[]) => Promise<number[]>;

export interface SearchLoopOptions {
  sampler: Sampler;
  rng: Rng;
  population: number;
  eta: number;
  rungs: readonly Rung[];
  generations: number;
  score: ScoreBatch;
  /** Whether a point fits the budget; an infeasible draw is redrawn and never scored. */
  feasible?: (point: Point) => boolean;
  /** Called after each rung with the candidates so far (for progress and resumable records). */
  onRung?: (candidates: readonly Candidate[], generation: number, rung: Rung) => void | Promise<void>;
}

export interface SearchLoopResult {
  candidates: Candidate[];
  /** The candidate with the best last-rung score (null if none completed a full evaluation). */
  best: Candidate | null;
  /** The sampling distribution after each generation. */
  distributions: Record<string, unknown>[];
}

const MAX_DRAWS = 10_000;

/** The last-rung score of a candidate, or -Infinity when it did not reach it (or a run failed). */
export function finalScore(c: Candidate, rungs: readonly Rung[]): number {
  const s = c.scores[rungs.length - 1];
  return s === undefined || Number.isNaN(s) ? Number.NEGATIVE_INFINITY : s;
}

/** Best first; ties keep the earlier candidate first, so the order is deterministic. */
function byScore(rung: number) {
  return (a: Candidate, b: Candidate) => {
    const sa = Number.isNaN(a.scores[rung]) ? Number.NEGATIVE_INFINITY : a.scores[rung];
    const sb = Number.isNaN(b.scores[rung]) ? Number.NEGATIVE_INFINITY : b.scores[rung];
    return sb - sa || a.id - b.id;
  };
}

/**
 * The search: per generation, draw `population` feasible candidates (each generation from its own
 * child stream of the root RNG), run successive halving over the rungs, hand the last rung's best to
 * the sampler. Same sampler, RNG seed and scores → same candidates.
 */
export async function runSearchLoop(o: SearchLoopOptions): Promise<SearchLoopResult> {
  const candidates: Candidate[] = [];
  const distributions: Record<string, unknown>[] = [];
  const last = o.rungs.length - 1;
  for (let g = 0; g < o.generations; g++) {
    const rng = o.rng.fork(`generation-${g}`);
    let alive: Candidate[] = [];
    for (let k = 0; k < o.population; k++) {
      let point = o.sampler.draw(rng);
      for (let tries = 1; o.feasible !== undefined && !o.feasible(point); tries++) {
        if (tries >= MAX_DRAWS)
          throw new CrucibleError(
            "CRUCIBLE_SCENARIO_INVALID",
            `no candidate within the budget in ${MAX_DRAWS} draws: widen the parameters or raise the budget`,
          );
        point = o.sampler.draw(rng);
      }
      alive.push({ id: candidates.length + k, generation: g, point, scores: [] });
    }
    candidates.push(...alive);
    for (const rung of o.rungs) {
      alive = alive.slice(0, rung.candidates);
      const scores = await o.score(alive.map((candidate) => ({ candidate, rung })));
      alive.forEach((c, i) => {
        c.scores[rung.index] = scores[i];
      });
      alive.sort(byScore(rung.index));
      await o.onRung?.(candidates, g, rung);
    }
    const elite = alive
      .filter((c) => Number.isFinite(c.scores[last]))
      .slice(0, eliteSize(o.rungs, o.eta))
      .map((c) => c.point);
    o.sampler.update(elite);
    distributions.push(o.sampler.describe());
  }
  const finished = candidates.filter((c) => Number.isFinite(finalScore(c, o.rungs)));
  const best = finished.sort((a, b) => finalScore(b, o.rungs) - finalScore(a, o.rungs) || a.id - b.id)[0];
  return { candidates, best: best ?? null, distributions };
}
