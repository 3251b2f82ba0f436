import { mean, median, quantile, standardDeviation } from "simple-statistics";
import { bootstrapMeanCi } from "../../reports/metrics/bootstrapMeanCi.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { createRng } from "../rng/createRng.ts";
import { evaluateExpr } from "./evaluateExpr.ts";
import type { Aggregate, Comparator, Expr, Invariant } from "./invariantAst.ts";
import type { MetricValues } from "./metricCatalogue.ts";

/** One run's values for the invariants: its summary metrics and one bag per epoch. */
export interface RunMetrics {
  seed: number;
  run: MetricValues;
  epochs: MetricValues[];
}

export interface InvariantOutcome {
  source: string;
  kind: Invariant["kind"];
  /** skip: a metric it reads is undefined here (e.g. adversaryProfit with no adversaries). */
  status: "pass" | "fail" | "skip";
  /** The two sides' values where it was decided (the violated values on a failure). */
  left: number | null;
  right: number | null;
  /** Per run and per epoch: the seed of the run; per epoch: the first epoch that broke it. */
  seed?: number;
  epoch?: number;
  /** With a confidence level: the one-sided bound of the mean that was compared. */
  bound?: { level: number; value: number; runs: number };
  message: string;
}

/** Fewest replicates for `with N% confidence`: the percentile bootstrap undercovers below this. */
export const MIN_CONFIDENCE_RUNS = 5;

export function compare(l: number, op: Comparator, r: number): boolean {
  switch (op) {
    case "<":
      return l < r;
    case "<=":
      return l <= r;
    case ">":
      return l > r;
    case ">=":
      return l >= r;
    case "==":
      return l === r;
    case "!=":
      return l !== r;
  }
}

const fmt = (v: number | null) => (v === null ? "undefined" : Number(v.toPrecision(6)).toString());

/** A per-run or per-epoch invariant on one run: the first epoch of the window that breaks it. */
export function evaluateOnRun(invariant: Invariant, run: RunMetrics): InvariantOutcome {
  const base = { source: invariant.source, kind: invariant.kind, seed: run.seed };
  if (invariant.kind === "run") {
    const left = evaluateExpr(invariant.left, run.run);
    const right = evaluateExpr(invariant.right, run.run);
    if (left === null || right === null) {
      return { ...base, status: "skip", left, right, message: "a metric it reads is undefined for this run" };
    }
    const ok = compare(left, invariant.op, right);
    return {
      ...base,
      status: ok ? "pass" : "fail",
      left,
      right,
      message: `${fmt(left)} ${invariant.op} ${fmt(right)}${ok ? "" : " is false"} (seed ${run.seed})`,
    };
  }
  if (invariant.kind !== "epoch" || invariant.window === undefined) {
    throw new CrucibleError(
      "CRUCIBLE_INVALID_ARGUMENT",
      "evaluateOnRun: not a per-run or per-epoch invariant",
    );
  }
  const { from, to } = invariant.window;
  let checked = 0;
  let last: { left: number; right: number; epoch: number } | null = null;
  for (const [epoch, values] of run.epochs.entries()) {
    if (epoch < from || (to !== null && epoch > to)) continue;
    const left = evaluateExpr(invariant.left, values);
    const right = evaluateExpr(invariant.right, values);
    if (left === null || right === null) continue;
    checked++;
    last = { left, right, epoch };
    if (!compare(left, invariant.op, right)) {
      return {
        ...base,
        status: "fail",
        left,
        right,
        epoch,
        message: `epoch ${epoch}: ${fmt(left)} ${invariant.op} ${fmt(right)} is false (seed ${run.seed})`,
      };
    }
  }
  if (checked === 0) {
    return {
      ...base,
      status: "skip",
      left: null,
      right: null,
      message: "no epoch of the window has its metrics defined",
    };
  }
  return {
    ...base,
    status: "pass",
    left: last?.left ?? null,
    right: last?.right ?? null,
    message: `${checked} epochs hold (last: ${fmt(last?.left ?? null)} ${invariant.op} ${fmt(last?.right ?? null)})`,
  };
}

function aggregate(a: Aggregate, values: number[]): number {
  switch (a.fn) {
    case "mean":
      return mean(values);
    case "median":
      return median(values);
    case "min":
      return Math.min(...values);
    case "max":
      return Math.max(...values);
    case "sd":
      return values.length < 2 ? 0 : standardDeviation(values);
    case "quantile":
      return quantile(values, a.p);
  }
}

/** Evaluates an expression over replicates: each aggregate over the runs where its argument is defined. */
function evaluateAcross(e: Expr, runs: readonly RunMetrics[]): number | null {
  switch (e.kind) {
    case "aggregate": {
      const values = runs.flatMap((r) => {
        const v = evaluateExpr(e.arg, r.run);
        return v === null ? [] : [v];
      });
      return values.length === 0 ? null : aggregate(e.aggregate, values);
    }
    case "neg": {
      const v = evaluateAcross(e.arg, runs);
      return v === null ? null : -v;
    }
    case "binary": {
      const l = evaluateAcross(e.left, runs);
      const r = evaluateAcross(e.right, runs);
      return l === null || r === null ? null : evaluateExpr({ ...e, left: num(l), right: num(r) }, {});
    }
    default:
      return evaluateExpr(e, {});
  }
}

const num = (value: number): Expr => ({ kind: "number", value });

/**
 * An invariant across replicates. `with N% confidence` compares the one-sided percentile-bootstrap
 * bound of the mean (the upper bound for < and <=, the lower for > and >=; 2000 resamples from a
 * stream seeded by the invariant's text, so the verdict is reproducible) and needs at least
 * MIN_CONFIDENCE_RUNS runs, below which it fails and says so.
 */
export function evaluateAcrossRuns(invariant: Invariant, runs: readonly RunMetrics[]): InvariantOutcome {
  const base = { source: invariant.source, kind: invariant.kind };
  const right = evaluateAcross(invariant.right, runs);
  if (invariant.confidence !== undefined && invariant.left.kind === "aggregate") {
    const arg = invariant.left.arg;
    const values = runs.flatMap((r) => {
      const v = evaluateExpr(arg, r.run);
      return v === null ? [] : [v];
    });
    if (values.length === 0 || right === null) {
      return { ...base, status: "skip", left: null, right, message: "its metric is undefined in every run" };
    }
    const level = invariant.confidence;
    if (values.length < MIN_CONFIDENCE_RUNS) {
      return {
        ...base,
        status: "fail",
        left: mean(values),
        right,
        message: `${values.length} runs: a ${level * 100}% bound needs at least ${MIN_CONFIDENCE_RUNS} (--seeds ${MIN_CONFIDENCE_RUNS})`,
      };
    }
    const ci = bootstrapMeanCi(values, createRng(hashText(invariant.source)), { confidence: 2 * level - 1 });
    const upper = invariant.op === "<" || invariant.op === "<=";
    const bound = upper ? ci.high : ci.low;
    const ok = compare(bound, invariant.op, right);
    return {
      ...base,
      status: ok ? "pass" : "fail",
      left: bound,
      right,
      bound: { level, value: bound, runs: values.length },
      message: `mean ${fmt(ci.estimate)}, one-sided ${level * 100}% ${upper ? "upper" : "lower"} bound ${fmt(bound)} ${invariant.op} ${fmt(right)}${ok ? "" : " is false"} (${values.length} runs)`,
    };
  }
  const left = evaluateAcross(invariant.left, runs);
  if (left === null || right === null) {
    return { ...base, status: "skip", left, right, message: "its metric is undefined in every run" };
  }
  const ok = compare(left, invariant.op, right);
  return {
    ...base,
    status: ok ? "pass" : "fail",
    left,
    right,
    message: `${fmt(left)} ${invariant.op} ${fmt(right)}${ok ? "" : " is false"} (${runs.length} runs)`,
  };
}

/** A 32-bit FNV-1a hash of a text, to seed the bootstrap of one invariant. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
