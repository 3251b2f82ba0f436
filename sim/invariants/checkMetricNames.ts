import type { Invariant } from "./invariantAst.ts";
import { invariantSyntaxError } from "./invariantSyntaxError.ts";
import { EPOCH_METRICS, RUN_METRICS, WALL_CLOCK_METRICS } from "./metricCatalogue.ts";
import { metricsOf } from "./parseInvariant.ts";

/** Refuses a metric the invariant's kind cannot read, naming its column and the metrics it can. */
export function checkMetricNames(invariant: Invariant, where: string): void {
  const known: readonly string[] = invariant.kind === "epoch" ? EPOCH_METRICS : RUN_METRICS;
  for (const side of [invariant.left, invariant.right]) {
    for (const { name, column } of metricsOf(side)) {
      if (known.includes(name)) continue;
      const why = (WALL_CLOCK_METRICS as readonly string[]).includes(name)
        ? `'${name}' is a wall-clock rate, different between identical runs; an invariant cannot read it`
        : `unknown ${invariant.kind === "epoch" ? "per-epoch" : "per-run"} metric '${name}'; one of ${known.join(", ")}`;
      throw invariantSyntaxError(invariant.source, where, column, why);
    }
  }
}
