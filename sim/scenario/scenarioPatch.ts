import { existsSync, readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { deepMerge } from "./loadScenario.ts";

/** The lists a patch appends to (a patch adds groups; it never edits or removes one). */
export const APPENDED_LISTS: readonly (readonly string[])[] = [
  ["population", "miners"],
  ["population", "validators"],
  ["operators"],
];

const invalid = (message: string) => new CrucibleError("CRUCIBLE_SCENARIO_INVALID", message);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A scenario patch file (`crucible fork --scenario-patch`): a YAML mapping, part of a scenario. Its
 * `population.miners`, `population.validators` and `operators` lists are groups to add; every other
 * field replaces the parent's (objects merge key by key, as JSON Merge Patch).
 */
export function readScenarioPatch(file: string): Record<string, unknown> {
  if (!existsSync(file)) throw invalid(`${file}: scenario patch not found`);
  const doc = parseDocument(readFileSync(file, "utf8"), { uniqueKeys: true });
  if (doc.errors.length > 0) throw invalid(`${file}: invalid YAML: ${doc.errors[0].message.split("\n")[0]}`);
  const patch = doc.toJS({ maxAliasCount: 100 }) ?? {};
  if (!isPlainObject(patch)) throw invalid(`${file}: expected a mapping of scenario fields`);
  for (const path of APPENDED_LISTS) {
    const value = path.reduce<unknown>((o, k) => (isPlainObject(o) ? o[k] : undefined), patch);
    if (value !== undefined && !Array.isArray(value))
      throw invalid(`${file}: ${path.join(".")}: expected a list of groups to add`);
  }
  return patch;
}

/** The parent's scenario (plain values) with `patch` applied: the appended lists grow by the
 * patch's groups, everything else merges as JSON Merge Patch. */
export function applyScenarioPatch(
  base: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const lists = APPENDED_LISTS.map((path) => ({ path, added: take(patch, path) }));
  const merged = deepMerge(structuredClone(base), stripLists(patch));
  for (const { path, added } of lists) {
    if (added === undefined) continue;
    const parent = path.slice(0, -1).reduce<Record<string, unknown>>((o, k) => {
      if (!isPlainObject(o[k])) o[k] = {};
      return o[k] as Record<string, unknown>;
    }, merged);
    const key = path[path.length - 1];
    parent[key] = [...((parent[key] as unknown[] | undefined) ?? []), ...added];
  }
  return merged;
}

function take(patch: Record<string, unknown>, path: readonly string[]): unknown[] | undefined {
  const value = path.reduce<unknown>((o, k) => (isPlainObject(o) ? o[k] : undefined), patch);
  return Array.isArray(value) ? value : undefined;
}

/** The patch without the appended lists (a deep copy where they sat). */
function stripLists(patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...patch };
  delete out.operators;
  if (isPlainObject(out.population)) {
    const population = { ...out.population };
    delete population.miners;
    delete population.validators;
    out.population = population;
  }
  return out;
}
