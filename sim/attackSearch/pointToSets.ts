import type { SetOverride } from "../scenario/setOverrides.ts";
import { categoryLabel, parameterName, type Search, type SearchParameter } from "./searchSchema.ts";
import { type Dimension, orderDimensions, type Point } from "./searchSpace.ts";

/** The search file's parameters as the optimizer's dimensions (conditions' categoricals first). */
export function searchDimensions(parameters: readonly SearchParameter[]): Dimension[] {
  return orderDimensions(
    parameters.map((p): Dimension => {
      const name = parameterName(p);
      if (p.type === "categorical")
        return { kind: "categorical", name, labels: p.values.map(categoryLabel), when: p.when };
      if (p.type === "integer") return { kind: "integer", name, min: p.min, max: p.max, when: p.when };
      return { kind: "continuous", name, min: p.min, max: p.max, scale: p.scale, when: p.when };
    }),
  );
}

/**
 * A candidate as `--set` overrides, in dimension order (a categorical strategy object before the
 * parameters that set fields inside it): a categorical label becomes its value.
 */
export function pointToSets(search: Pick<Search, "parameters">, point: Point): SetOverride[] {
  const byName = new Map(search.parameters.map((p) => [parameterName(p), p]));
  return searchDimensions(search.parameters)
    .filter((d) => point[d.name] !== undefined)
    .map((d) => {
      const p = byName.get(d.name) as SearchParameter;
      const v = point[d.name];
      const value = p.type === "categorical" ? p.values.find((x) => categoryLabel(x) === v) : v;
      return { path: p.path, value: structuredClone(value) };
    });
}
