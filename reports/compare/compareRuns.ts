import { createRng } from "../../sim/rng/createRng.ts";
import type { RunTables } from "../../sim/run/runTables.ts";
import type { ForkOrigin } from "../charts/forkEpochRule.ts";
import { computeHeadline, type HeadlineMetric } from "../computeHeadline.ts";
import {
  type BootstrapOptions,
  bootstrapMeanCi,
  bootstrapMeanDifferenceCi,
  bootstrapPairedDifferenceCi,
  type Interval,
} from "../metrics/bootstrapMeanCi.ts";
import { computeHonestLoss, type HonestLoss } from "../metrics/computeHonestLoss.ts";
import { type ForkDivergence, forkDivergence } from "./forkDivergence.ts";

/** One run of a side: its tables and what identifies it. */
export interface ComparedRun {
  dir: string;
  /** Short name for legends, e.g. "A seed 42". */
  label: string;
  scenario: string;
  seed: number | null;
  tables: RunTables;
  wallTimeMs?: number;
  /** The run is a fork (`crucible fork`): its parent's folder and the fork epoch. */
  forkOf?: ForkOrigin;
}

export interface ComparedSide {
  /** "A" or "B". */
  name: string;
  runs: ComparedRun[];
}

/** better / worse (by the metric's direction), changed (a neutral metric moved), same (no difference
 * at all), none (no verdict: one run on a side, or an interval that includes 0), n/a (undefined). */
export type Verdict = "better" | "worse" | "changed" | "same" | "none" | "n/a";

export interface MetricComparison
  extends Pick<HeadlineMetric, "key" | "group" | "label" | "unit" | "better" | "primary" | "hint"> {
  /** Mean over the side's runs with its bootstrap interval (zero-width for one run); null when undefined. */
  a: Interval | null;
  b: Interval | null;
  /** b − a, with its interval when a side has several runs (paired by seed when `paired`). */
  difference: Interval | null;
  /** The difference was bootstrapped over pairs of runs with the same seed. */
  paired: boolean;
  /** (b − a) ÷ |a|; null when a is 0 or either is undefined. */
  relative: number | null;
  /** Judged by the metric's direction, only when both sides have several runs and the interval of
   * the difference excludes 0. */
  verdict: Verdict;
  /** Why there is no verdict, e.g. "one run per side: no verdict". */
  reason?: string;
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
  /** One side is a fork of the other: the epochs aligned, where they diverge (absent otherwise). */
  fork?: ForkDivergence;
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

function verdictOf(
  better: MetricComparison["better"],
  d: Interval | null,
  runs: { a: number; b: number },
): { verdict: Verdict; reason?: string } {
  if (d === null) return { verdict: "n/a" };
  if (d.estimate === 0 && d.low === 0 && d.high === 0) return { verdict: "same" };
  if (runs.a < 2 || runs.b < 2) {
    const reason =
      runs.a < 2 && runs.b < 2 ? "one run per side: no verdict" : "one run on a side: no verdict";
    return { verdict: "none", reason };
  }
  if (d.low <= 0 && d.high >= 0) return { verdict: "none", reason: "the interval includes 0: no verdict" };
  if (better === "neither") return { verdict: "changed" };
  return { verdict: d.estimate > 0 === (better === "higher") ? "better" : "worse" };
}

/** The pairs (a, b) of a metric's values over runs with the same seed, when every run on both sides
 * has a seed and the two sides ran the same seeds; null otherwise. */
function seedPairs(
  a: readonly ComparedRun[],
  b: readonly ComparedRun[],
  value: (side: "a" | "b", i: number) => number | undefined,
): [number, number][] | null {
  const seeds = (runs: readonly ComparedRun[]) => runs.map((r) => r.seed);
  const sa = seeds(a);
  const sb = seeds(b);
  if (sa.length < 2 || sa.some((s) => s === null) || new Set(sa).size !== sa.length) return null;
  if (sb.length !== sa.length || !sb.every((s) => sa.includes(s))) return null;
  const pairs: [number, number][] = [];
  for (const [i, run] of a.entries()) {
    const j = b.findIndex((r) => r.seed === run.seed);
    const va = value("a", i);
    const vb = value("b", j);
    if (va !== undefined && vb !== undefined) pairs.push([va, vb]);
  }
  return pairs;
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
 * B, the difference b − a absolute and relative, with percentile-bootstrap intervals over the runs
 * (the difference paired by seed when both sides ran the same seeds), a verdict where one is earned,
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
    const metricOf = (side: "a" | "b", i: number) => {
      const v = (side === "a" ? ha : hb)[i]?.find((x) => x.key === m.key)?.value;
      return typeof v === "number" && Number.isFinite(v) ? v : undefined;
    };
    const pairs = seedPairs(a.runs, b.runs, metricOf);
    const paired = pairs !== null && pairs.length >= 2;
    const difference = snapNoise(
      paired
        ? bootstrapPairedDifferenceCi(pairs, rng.fork(`${m.key}/paired`), options)
        : va.length > 0 && vb.length > 0
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
      paired,
      relative,
      ...verdictOf(better, difference, {
        a: paired ? pairs.length : va.length,
        b: paired ? pairs.length : vb.length,
      }),
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
  const fork = forkDivergence(a, b);
  return {
    a: describe(a),
    b: describe(b),
    ...(fork === undefined ? {} : { fork }),
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
