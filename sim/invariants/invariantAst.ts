/** The parsed form of one invariant line (see parseInvariant.ts for the grammar). */

export type Comparator = "<" | "<=" | ">" | ">=" | "==" | "!=";

/** Aggregates over replicates (runs of one scenario over several seeds). */
export type Aggregate = { fn: "mean" | "median" | "min" | "max" | "sd" } | { fn: "quantile"; p: number };

export type Expr =
  | { kind: "number"; value: number }
  | { kind: "metric"; name: string; column: number }
  | { kind: "neg"; arg: Expr }
  | { kind: "binary"; op: "+" | "-" | "*" | "/"; left: Expr; right: Expr }
  | { kind: "aggregate"; aggregate: Aggregate; name: string; arg: Expr; column: number };

/** Which epochs a per-epoch invariant covers (both ends included; `to` null: the last epoch). */
export interface EpochWindow {
  from: number;
  to: number | null;
}

export interface Invariant {
  /** The line as written. */
  source: string;
  /** run: over one run's summary metrics; epoch: every epoch of a window; replicates: over the seeds. */
  kind: "run" | "epoch" | "replicates";
  left: Expr;
  op: Comparator;
  right: Expr;
  /** Per-epoch invariants only. */
  window?: EpochWindow;
  /** `with 95% confidence` (replicates, `mean(x) <op> constant` only): the one-sided level, e.g. 0.95. */
  confidence?: number;
}
