import type { Expr } from "./invariantAst.ts";
import type { MetricValues } from "./metricCatalogue.ts";

/** Evaluates an expression without aggregates over one bag of metric values; null when a metric it
 * reads is undefined (or a division by zero). Pure. */
export function evaluateExpr(e: Expr, values: MetricValues): number | null {
  switch (e.kind) {
    case "number":
      return e.value;
    case "metric": {
      const v = values[e.name];
      return v === undefined || v === null || Number.isNaN(v) ? null : v;
    }
    case "neg": {
      const v = evaluateExpr(e.arg, values);
      return v === null ? null : -v;
    }
    case "binary": {
      const l = evaluateExpr(e.left, values);
      const r = evaluateExpr(e.right, values);
      if (l === null || r === null) return null;
      if (e.op === "+") return l + r;
      if (e.op === "-") return l - r;
      if (e.op === "*") return l * r;
      return r === 0 ? null : l / r;
    }
    case "aggregate":
      return null;
  }
}
