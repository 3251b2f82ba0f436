import { parse } from "yaml";
import { CrucibleError } from "../errors/CrucibleError.ts";

/** One `--set path=value`: a scenario field by its path (`emissionSplit.miners`, `population.miners[0].count`). */
export interface SetOverride {
  path: string;
  value: unknown;
}

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/;

/** Splits a scenario path into keys and array indices: `a.b[2].c` → ["a", "b", 2, "c"]. */
export function splitPath(path: string): (string | number)[] {
  if (!PATH.test(path))
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `${path}: not a scenario path (write keys with dots and array items as [n], e.g. population.miners[0].count)`,
    );
  return [...path.matchAll(/([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)].map((m) =>
    m[1] === undefined ? Number(m[2]) : m[1],
  );
}

/** Parses `--set` flags (`path=value`, the value read as YAML: `0.3`, `true`, `[1, 2]`, `{ a: 1 }`). */
export function parseSetFlags(flags: readonly string[]): SetOverride[] {
  return flags.map((flag) => {
    const eq = flag.indexOf("=");
    if (eq <= 0) throw new CrucibleError("CRUCIBLE_SCENARIO_INVALID", `--set ${flag}: expected path=value`);
    const path = flag.slice(0, eq).trim();
    splitPath(path);
    let value: unknown;
    try {
      value = parse(flag.slice(eq + 1));
    } catch (cause) {
      throw new CrucibleError(
        "CRUCIBLE_SCENARIO_INVALID",
        `--set ${path}: the value is not valid YAML: ${(cause as Error).message.split("\n")[0]}`,
        { cause },
      );
    }
    return { path, value };
  });
}

/**
 * Writes each value at its path into a copy of the raw scenario (before validation), creating
 * objects on the way; an array index must name an existing item. The schema then checks the result.
 */
export function applySetOverrides(
  raw: Record<string, unknown>,
  sets: readonly SetOverride[],
): Record<string, unknown> {
  const root = structuredClone(raw);
  for (const { path, value } of sets) {
    const keys = splitPath(path);
    let node: unknown = root;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const last = i === keys.length - 1;
      if (typeof key === "number") {
        if (!Array.isArray(node) || key >= node.length)
          throw new CrucibleError(
            "CRUCIBLE_SCENARIO_INVALID",
            `--set ${path}: ${pathPrefix(keys, i)} has no item [${key}]`,
          );
        if (last) node[key] = value;
        else node = node[key];
        continue;
      }
      if (typeof node !== "object" || node === null || Array.isArray(node))
        throw new CrucibleError(
          "CRUCIBLE_SCENARIO_INVALID",
          `--set ${path}: ${pathPrefix(keys, i)} is not an object`,
        );
      const obj = node as Record<string, unknown>;
      if (last) obj[key] = value;
      else {
        if (obj[key] === undefined || obj[key] === null) obj[key] = typeof keys[i + 1] === "number" ? [] : {};
        node = obj[key];
      }
    }
  }
  return root;
}

function pathPrefix(keys: readonly (string | number)[], end: number): string {
  let out = "";
  for (const key of keys.slice(0, end))
    out += typeof key === "number" ? `[${key}]` : out === "" ? key : `.${key}`;
  return out === "" ? "(root)" : out;
}

/** Reads the value at a path (undefined when absent). */
export function readPath(root: unknown, path: string): unknown {
  let node = root;
  for (const key of splitPath(path)) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
