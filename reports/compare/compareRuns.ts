import { createRng } from "../../sim/rng/createRng.ts";
import type { RunTables } from "../../sim/run/runTables.ts";
import { computeHeadline, type HeadlineMetric } from "../computeHeadline.ts";
import {
  type BootstrapOptions,
  bootstrapMeanCi,
  bootstrapMeanDifferenceCi,
  type Interval,
} from "../metrics/bootstrapMeanCi.ts";
import { computeHonestLoss, type HonestLoss } from "../metrics/computeHonestLoss.ts";

/** One run of a side: its tables and what identifies it. */
export interface ComparedRun {
  dir: string;
  /** Short name for legends, e.g. "A seed 42". */
  label: string;
  scenario: string;
  seed: number | null;
  tables: RunTables;
  wallTimeMs?: number;
}

export interface ComparedSide {
  /** "A" or "B". */
  name: string;
  runs: ComparedRun[];
}

export type Verdict = "better" | "worse" | "changed" | "same" | "n/a";

export interface MetricComparison
  extends Pick<HeadlineMetric, "key" | "group" | "label" | "unit" | "better" | "primary" | "hint"> {
  /** Mean over the side's runs with its bootstrap interval (zero-width for one run); null when undefined. */
  a: Interval | null;
  b: Interval | null;
  /** b − a, with its interval when a side has several runs. */
  difference: Interval | null;
  /** (b − a) ÷ |a|; null when a is 0 or either is undefined. */
  relative: number | null;
  /** Judged by the metric's direction; "same" when the interval of the difference spans 0. */
  verdict: Verdict;
}

export interface HonestLossComparison {
  /** Pairs of runs compared (B's runs with A's of the same seed, or the single runs). */
  pairs: { a: string; b: string; loss: HonestLoss }[];
  /** Mean loss of B's honest miners against A over the pairs, with its interval. */
  loss: Interval | null;
}

export interface Comparison {
  a: { name: string; runs: { dir: string; label: string; scenario: string; seed: number | null }[] };
  b: { name: string; runs: { dir: string; label: string; scenario: string; seed: number | null }[] };
  metrics: MetricComparison[];
  /** B's honest miners against the same miners in A (A as the baseline); null without pairs. */
  honestLoss: HonestLossComparison | null;
}

export interface CompareOptions extends BootstrapOptions {
  /** Seed of the bootstrap's RNG (default 0), so the same runs give the same compare.json. */
  seed?: number;
}

function finiteValues(headlines: readonly HeadlineMetric[][], key: string): number[] {
  return headlines
    .map((h) => h.find((m) => m.key === key)?.value)
    .filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}

/** Float noise (sums in another order) is no difference: snaps |b − a| ≤ 1e-9 of the larger to 0. */
function snapNoise(d: Interval | null, a: Interval | null, b: Interval | null): Interval | null {
  if (d === null || a === null || b === null) return d;
  const eps = 1e-9 * Math.max(Math.abs(a.estimate), Math.abs(b.estimate));
  const snap = (x: number) => (Math.abs(x) <= eps ? 0 : x);
  return { ...d, estimate: snap(d.estimate), low: snap(d.low), high: snap(d.high) };
}

function verdictOf(better: MetricComparison["better"], d: Interval | null): Verdict {
  if (d === null) return "n/a";
  if (d.estimate === 0 || (d.low < 0 && d.high > 0)) return "same";
  if (better === "neither") return "changed";
  return d.estimate > 0 === (better === "higher") ? "better" : "worse";
}

/** Pairs each run of B with A's run of the same seed; two single runs pair regardless of seed. */
function pairRuns(a: readonly ComparedRun[], b: readonly ComparedRun[]): [ComparedRun, ComparedRun][] {
  if (a.length === 1 && b.length === 1) return [[a[0], b[0]]];
  return b.flatMap((run): [ComparedRun, ComparedRun][] => {
    const match = a.find((r) => r.seed !== null && r.seed === run.seed);
    return match ? [[match, run]] : [];
  });
}

/**
 * Compares two sides (a run each, or a set of runs over seeds each): every headline metric of A and
 * B, the difference b − a absolute and relative, with percentile-bootstrap intervals over the runs,
 * and the honest miners' loss in B with A as the baseline. Pure and deterministic for a seed.
 */
export function compareRuns(a: ComparedSide, b: ComparedSide, options: CompareOptions = {}): Comparison {
  const rng = createRng(options.seed ?? 0);
  const headlines = (side: ComparedSide) =>
    side.runs.map((r) => computeHeadline(r.tables, { wallTimeMs: r.wallTimeMs }));
  const ha = headlines(a);
  const hb = headlines(b);
  const metrics = (ha[0] ?? hb[0] ?? []).map((m): MetricComparison => {
    const va = finiteValues(ha, m.key);
    const vb = finiteValues(hb, m.key);
    const ci = (vs: number[], label: string) =>
      vs.length > 0 ? bootstrapMeanCi(vs, rng.fork(`${m.key}/${label}`), options) : null;
    const ia = ci(va, "a");
    const ib = ci(vb, "b");
    const difference = snapNoise(
      va.length > 0 && vb.length > 0
        ? bootstrapMeanDifferenceCi(va, vb, rng.fork(`${m.key}/diff`), options)
        : null,
      ia,
      ib,
    );
    const relative =
      ia && difference && ia.estimate !== 0 ? difference.estimate / Math.abs(ia.estimate) : null;
    const { key, group, label, unit, better, primary, hint } = m;
    return {
      key,
      group,
      label,
      unit,
      better,
      primary,
      hint,
      a: ia,
      b: ib,
      difference,
      relative,
      verdict: verdictOf(better, difference),
    };
  });
  const pairs = pairRuns(a.runs, b.runs)
    .map(([ra, rb]) => ({ a: ra.dir, b: rb.dir, loss: computeHonestLoss(rb.tables, ra.tables) }))
    .filter((p) => p.loss.matchedMiners > 0);
  const losses = pairs.map((p) => p.loss.loss).filter((l): l is number => l !== null);
  const describe = (side: ComparedSide) => ({
    name: side.name,
    runs: side.runs.map(({ dir, label, scenario, seed }) => ({ dir, label, scenario, seed })),
  });
  return {
    a: describe(a),
    b: describe(b),
    metrics,
    honestLoss:
      pairs.length === 0
        ? null
        : {
            pairs,
            loss: losses.length > 0 ? bootstrapMeanCi(losses, rng.fork("honest-loss"), options) : null,
          },
  };
}
