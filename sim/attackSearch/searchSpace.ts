import type { Rng } from "../rng/createRng.ts";

/**
 * The searched space, independent of scenarios: continuous, integer and categorical dimensions, a
 * dimension optionally active only when categorical ones took given labels. A point holds a number
 * per active numeric dimension and a label per active categorical one. Numeric dimensions are
 * searched in a unit coordinate u ∈ [0, 1] (log-spaced where asked). Pure.
 */
export type Dimension =
  | {
      kind: "continuous";
      name: string;
      min: number;
      max: number;
      scale: "linear" | "log";
      when?: Record<string, string>;
    }
  | { kind: "integer"; name: string; min: number; max: number; when?: Record<string, string> }
  | { kind: "categorical"; name: string; labels: string[]; when?: Record<string, string> };

export type NumericDimension = Exclude<Dimension, { kind: "categorical" }>;
export type Point = Record<string, number | string>;

/** Whether a dimension applies to a point (its `when` labels all hold). */
export function isActive(dim: Dimension, point: Point): boolean {
  return Object.entries(dim.when ?? {}).every(([other, label]) => point[other] === label);
}

/** The value at unit coordinate u (clamped to [0, 1]). */
export function fromUnit(dim: NumericDimension, u: number): number {
  const x = Math.min(1, Math.max(0, u));
  if (dim.kind === "integer") {
    const v = Math.round(dim.min - 0.5 + x * (dim.max - dim.min + 1));
    return Math.min(dim.max, Math.max(dim.min, v));
  }
  if (dim.scale === "log") return Math.exp(Math.log(dim.min) + x * (Math.log(dim.max) - Math.log(dim.min)));
  return dim.min + x * (dim.max - dim.min);
}

/** The unit coordinate of a value (the middle of an integer's cell). */
export function toUnit(dim: NumericDimension, v: number): number {
  if (dim.kind === "integer") return (v - dim.min + 0.5) / (dim.max - dim.min + 1);
  if (dim.scale === "log") return (Math.log(v) - Math.log(dim.min)) / (Math.log(dim.max) - Math.log(dim.min));
  return (v - dim.min) / (dim.max - dim.min);
}

/**
 * Fills a point dimension by dimension in the given order (a condition names an earlier
 * categorical), drawing each active one with `draw`; inactive ones are left out.
 */
export function buildPoint(
  dims: readonly Dimension[],
  draw: (dim: Dimension, index: number) => number | string,
): Point {
  const point: Point = {};
  dims.forEach((dim, i) => {
    if (isActive(dim, point)) point[dim.name] = draw(dim, i);
  });
  return point;
}

/** A uniform draw over the space: the random-search baseline, and the cross-entropy method's start. */
export function drawUniform(dims: readonly Dimension[], rng: Rng): Point {
  return buildPoint(dims, (dim) =>
    dim.kind === "categorical" ? dim.labels[rng.int(0, dim.labels.length - 1)] : fromUnit(dim, rng.float()),
  );
}

/** Orders dimensions so each condition's categorical comes before the dimensions it switches. */
export function orderDimensions(dims: readonly Dimension[]): Dimension[] {
  const out: Dimension[] = [];
  const placed = new Set<string>();
  const pending = [...dims];
  while (pending.length > 0) {
    const i = pending.findIndex((d) => Object.keys(d.when ?? {}).every((n) => placed.has(n)));
    const next = pending.splice(i === -1 ? 0 : i, 1)[0];
    out.push(next);
    placed.add(next.name);
  }
  return out;
}

/** A stable text key of a point (same point, same key), for caches and tables. */
export function pointKey(point: Point): string {
  return JSON.stringify(
    Object.keys(point)
      .sort()
      .map((k) => [k, point[k]]),
  );
}
