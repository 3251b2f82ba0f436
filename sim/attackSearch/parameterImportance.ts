import { partialRankCorrelation } from "../sweep/sweepReport/partialRankCorrelation.ts";
import type { Dimension, Point } from "./searchSpace.ts";

export interface Importance {
  parameter: string;
  /** numeric: |partial rank correlation| with the objective; categorical: η² (share of variance between labels). */
  measure: "|PRCC|" | "eta²";
  value: number | null;
  /** Candidates it rests on (those where the parameter was active and the score defined). */
  n: number;
}

/**
 * How much each parameter moves the objective over the scored candidates (at one rung, so every
 * score has the same fidelity): numeric parameters by the absolute partial rank correlation
 * (Marino et al. 2008, the sweep's ranking), over the candidates where every numeric one is active;
 * categorical ones by η², the share of the objective's variance between their labels. Pure.
 */
export function parameterImportance(
  dims: readonly Dimension[],
  scored: readonly { point: Point; score: number }[],
): Importance[] {
  const ok = scored.filter((s) => Number.isFinite(s.score));
  // Conditional numeric parameters apply to too few candidates to rank with the others.
  const numeric = dims.filter((d) => d.kind !== "categorical" && d.when === undefined);
  const full = ok.filter((s) => numeric.every((d) => typeof s.point[d.name] === "number"));
  const prcc =
    numeric.length > 0 && full.length > numeric.length + 2
      ? partialRankCorrelation(
          numeric.map((d) => full.map((s) => s.point[d.name] as number)),
          full.map((s) => s.score),
        )
      : numeric.map(() => null);
  return dims.map((d) => {
    if (d.kind !== "categorical") {
      if (d.when !== undefined) return { parameter: d.name, measure: "|PRCC|", value: null, n: 0 };
      const v = prcc[numeric.indexOf(d)];
      return { parameter: d.name, measure: "|PRCC|", value: v === null ? null : Math.abs(v), n: full.length };
    }
    const rows = ok.filter((s) => typeof s.point[d.name] === "string");
    return {
      parameter: d.name,
      measure: "eta²",
      value: etaSquared(rows.map((s) => [s.point[d.name] as string, s.score])),
      n: rows.length,
    };
  });
}

function etaSquared(pairs: readonly [string, number][]): number | null {
  if (pairs.length < 3) return null;
  const mean = pairs.reduce((s, [, y]) => s + y, 0) / pairs.length;
  const total = pairs.reduce((s, [, y]) => s + (y - mean) ** 2, 0);
  if (total === 0) return null;
  const groups = new Map<string, number[]>();
  for (const [g, y] of pairs) groups.set(g, [...(groups.get(g) ?? []), y]);
  let between = 0;
  for (const ys of groups.values()) {
    const m = ys.reduce((s, y) => s + y, 0) / ys.length;
    between += ys.length * (m - mean) ** 2;
  }
  return between / total;
}
