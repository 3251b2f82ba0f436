/** One row of evaluations.csv as the comparison reads it: a candidate's run on one seed at one rung. */
export interface EvaluationRecord {
  candidate: number;
  rung: number;
  /** Full-length runs the search had spent when this candidate's runs at this rung finished. */
  spent: number;
  /** The objective on this seed (null: a run failed). */
  value: number | null;
}

/** The best full-length score a search had found after `spent` runs of its budget. */
export interface BestSoFarPoint {
  spent: number;
  candidate: number;
  /** This candidate's full-length score (the mean over the evaluation seeds). */
  score: number;
  best: number;
}

/**
 * The best-so-far curve of a search from its evaluations: each candidate that reached the last rung
 * scores the mean of its values there (a failed run leaves it out, as the search does), placed at
 * the runs spent when its last run finished; the curve is the running maximum. Pure.
 */
export function bestSoFarCurve(evaluations: readonly EvaluationRecord[], lastRung: number): BestSoFarPoint[] {
  const byCandidate = new Map<number, { spent: number; values: (number | null)[] }>();
  for (const e of evaluations) {
    if (e.rung !== lastRung) continue;
    const c = byCandidate.get(e.candidate) ?? { spent: 0, values: [] };
    c.spent = Math.max(c.spent, e.spent);
    c.values.push(e.value);
    byCandidate.set(e.candidate, c);
  }
  const points = [...byCandidate.entries()]
    .filter(([, c]) => c.values.every((v) => v !== null && Number.isFinite(v)))
    .map(([candidate, c]) => ({
      candidate,
      spent: c.spent,
      score: (c.values as number[]).reduce((s, v) => s + v, 0) / c.values.length,
    }))
    .sort((a, b) => a.spent - b.spent || a.candidate - b.candidate);
  let best = Number.NEGATIVE_INFINITY;
  return points.map((p) => {
    best = Math.max(best, p.score);
    return { ...p, best };
  });
}

/** The best score a curve had reached after `spent` runs (null: none yet). */
export function bestAt(curve: readonly BestSoFarPoint[], spent: number): number | null {
  let best: number | null = null;
  for (const p of curve) if (p.spent <= spent + 1e-9) best = p.best;
  return best;
}
