import type { Invariant } from "../invariants/invariantAst.ts";
import { type CandidateScenario, candidateScenario, type SearchBase } from "./candidateScenario.ts";
import { needsTwin, objectiveValue } from "./objectiveValue.ts";
import type { Evaluation, ScoreBatch } from "./searchLoop.ts";
import type { SearchRun, SearchRunPool } from "./searchRunPool.ts";
import type { Point } from "./searchSpace.ts";

/** One scored run: a candidate on one seed at one rung (evaluations.csv). */
export interface ScoredRun {
  candidate: number;
  generation: number;
  rung: number;
  seed: number;
  epochs: number;
  value: number | null;
  run: string;
  twin: string | null;
  status: "complete" | "failed";
  error: string | null;
  /** Full-length runs spent when it finished. */
  spent: number;
}

export interface PoolScorer {
  score: ScoreBatch;
  /** A candidate on given seeds at given epochs: the value per seed (NaN where a run failed) and the runs. */
  valuesOn(
    point: Point,
    seeds: readonly number[],
    epochs: number,
  ): Promise<{ seed: number; value: number; run: SearchRun; twin: SearchRun | null }[]>;
  scored: ScoredRun[];
  resolve(point: Point): CandidateScenario;
}

/**
 * Scores candidates by running them through the pool: each seed of the rung a run of the candidate's
 * scenario (and of its honest twin where the objective compares with it), all of a batch at once;
 * a candidate's score is the mean of its per-seed values (NaN if any run failed).
 */
export function createPoolScorer(
  base: SearchBase,
  pool: SearchRunPool,
  context: { invariant?: Invariant },
): PoolScorer {
  const { search } = base;
  const twin = needsTwin(search.objective);
  const cache = new Map<string, CandidateScenario>();
  const resolve = (point: Point) => {
    const key = JSON.stringify(point);
    let c = cache.get(key);
    if (c === undefined) {
      c = candidateScenario(base, point);
      cache.set(key, c);
    }
    return c;
  };
  const scored: ScoredRun[] = [];
  const valuesOn: PoolScorer["valuesOn"] = (point, seeds, epochs) => {
    const c = resolve(point);
    return Promise.all(
      seeds.map(async (seed) => {
        const spec = { scenarioPath: base.scenarioPath, seed, epochs };
        const [run, twinRun] = await Promise.all([
          pool.run({ ...spec, sets: c.sets }),
          twin ? pool.run({ ...spec, sets: c.twinSets }) : Promise.resolve(null),
        ]);
        const ok = run.outcome !== null && (twinRun === null || twinRun.outcome !== null);
        const value = ok
          ? objectiveValue(
              search.objective,
              { attacker: search.attacker, attackerAgents: c.attackerAgents, invariant: context.invariant },
              run.outcome!,
              twinRun?.outcome ?? undefined,
            )
          : Number.NaN;
        return { seed, value, run, twin: twinRun };
      }),
    );
  };
  const score: ScoreBatch = (batch: readonly Evaluation[]) =>
    Promise.all(
      batch.map(async ({ candidate, rung }) => {
        const values = await valuesOn(candidate.point, rung.seeds, rung.epochs);
        for (const v of values)
          scored.push({
            candidate: candidate.id,
            generation: candidate.generation,
            rung: rung.index,
            seed: v.seed,
            epochs: rung.epochs,
            value: Number.isNaN(v.value) ? null : v.value,
            run: v.run.runDir ?? v.run.key,
            twin: v.twin === null ? null : (v.twin.runDir ?? v.twin.key),
            status:
              v.run.status === "complete" && (v.twin?.status ?? "complete") === "complete"
                ? "complete"
                : "failed",
            error: v.run.error ?? v.twin?.error ?? null,
            spent: pool.spent,
          });
        return values.reduce((s, v) => s + v.value, 0) / values.length;
      }),
    );
  return { score, valuesOn, scored, resolve };
}
