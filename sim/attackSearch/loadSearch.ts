import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseDocument } from "yaml";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { checkMetricNames } from "../invariants/checkMetricNames.ts";
import type { Invariant } from "../invariants/invariantAst.ts";
import { parseInvariant } from "../invariants/parseInvariant.ts";
import { prepareRun } from "../prepareRun.ts";
import { hashLabel } from "../rng/hashLabel.ts";
import { formatPath, parseScenario } from "../scenario/loadScenario.ts";
import { mergePatchToSets } from "../sweep/planSweep.ts";
import type { SearchBase } from "./candidateScenario.ts";
import {
  categoryLabel,
  parameterName,
  type Search,
  type SearchParameter,
  searchSchema,
} from "./searchSchema.ts";

/** A search file read and checked against its base scenario, with its seeds and full length resolved. */
export interface LoadedSearch extends SearchBase {
  text: string;
  /** A full-length run's epochs (the search's, else the scenario's). */
  epochs: number;
  evaluationSeeds: number[];
  freshSeeds: number[];
  invariant?: Invariant;
}

const bad = (message: string, details?: string) =>
  new CrucibleError("CRUCIBLE_SCENARIO_INVALID", message, details === undefined ? {} : { details });

/** The search file's schema errors, each naming the file and field. */
export function parseSearch(text: string, file: string): Search {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw bad(`${file}: invalid YAML: ${doc.errors[0].message.split("\n")[0]}`);
  const parsed = searchSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const path = formatPath(issue.path);
      if (issue.code === "unrecognized_keys")
        return `${file}: ${issue.keys.map((k) => (path === "(root)" ? k : `${path}.${k}`)).join(", ")}: unknown field`;
      return `${file}: ${path}: ${issue.message.replace(/^Invalid (input|option): /, "")}`;
    });
    throw bad(lines[0], lines.join("\n"));
  }
  return parsed.data;
}

/** Seeds from a count (derived from the root seed and a label, never 0) or the list itself. */
export function resolveSeeds(
  spec: number | number[],
  root: number,
  label: string,
  avoid: number[] = [],
): number[] {
  if (Array.isArray(spec)) return spec;
  const out: number[] = [];
  for (let i = 0; out.length < spec; i++) {
    const s = hashLabel(root, `${label}-${i}`);
    if (s !== 0 && !avoid.includes(s) && !out.includes(s)) out.push(s);
  }
  return out;
}

/**
 * Reads a search file and checks everything before any run: the schema, the base scenario with the
 * fixed fields, the attacker operator, every parameter's extremes (each numeric bound and each
 * categorical value alone on the base), and the invariant line. Every problem names the file and field.
 */
export async function loadSearch(file: string): Promise<LoadedSearch> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new CrucibleError("CRUCIBLE_SCENARIO_NOT_FOUND", `${file}: cannot read search file`, { cause });
  }
  const search = parseSearch(text, file);
  const scenarioPath = resolve(dirname(file), search.scenario);
  let scenarioText: string;
  try {
    scenarioText = await readFile(scenarioPath, "utf8");
  } catch (cause) {
    throw new CrucibleError("CRUCIBLE_SCENARIO_NOT_FOUND", `${file}: scenario: cannot read ${scenarioPath}`, {
      cause,
    });
  }
  const fixed = mergePatchToSets(search.overrides);
  const withSets = (sets: typeof fixed, where: string) => {
    try {
      return parseScenario(scenarioText, scenarioPath, { set: sets, epochs: search.epochs });
    } catch (cause) {
      throw new CrucibleError("CRUCIBLE_SCENARIO_INVALID", `${file}: ${where}: ${(cause as Error).message}`, {
        cause,
      });
    }
  };
  const scenario = withSets(fixed, "overrides");
  try {
    // The mechanism and the strategies too, as `crucible run` checks them.
    await prepareRun({ scenarioPath, set: fixed, epochs: search.epochs });
  } catch (cause) {
    throw new CrucibleError("CRUCIBLE_SCENARIO_INVALID", `${file}: overrides: ${(cause as Error).message}`, {
      cause,
    });
  }
  const operators = (scenario.operators ?? []).map((o) => o.name);
  if (!operators.includes(search.attacker))
    throw bad(
      `${file}: attacker: "${search.attacker}" is not an operator of ${search.scenario} (${operators.join("|") || "it declares none"})`,
    );
  search.parameters.forEach((p, i) => {
    // A conditional parameter is tried under its condition (the strategy it belongs to).
    const under = Object.entries(p.when ?? {}).map(([other, label]) => {
      const q = search.parameters.find((x) => parameterName(x) === other) as SearchParameter & {
        values: unknown[];
      };
      return { path: q.path, value: structuredClone(q.values.find((v) => categoryLabel(v) === label)) };
    });
    const tries = p.type === "categorical" ? p.values : [p.min, p.max];
    for (const value of tries)
      withSets(
        [...structuredClone(fixed), ...under, { path: p.path, value: structuredClone(value) }],
        `parameters[${i}] (${parameterName(p)} = ${JSON.stringify(value)})`,
      );
  });
  let invariant: Invariant | undefined;
  if (search.objective.kind === "invariant") {
    invariant = parseInvariant(search.objective.invariant, `${file}: objective.invariant`);
    checkMetricNames(invariant, `${file}: objective.invariant`);
    if (invariant.kind !== "run")
      throw bad(
        `${file}: objective.invariant: a search scores one run at a time, so the invariant must be per run (no epoch window, no aggregate)`,
      );
  }
  const evaluationSeeds = resolveSeeds(search.seeds, search.seed, "evaluation");
  const freshSeeds = resolveSeeds(search.freshSeeds, search.seed, "fresh", evaluationSeeds);
  const clash = freshSeeds.find((s) => evaluationSeeds.includes(s));
  if (clash !== undefined)
    throw bad(`${file}: freshSeeds: seed ${clash} is also an evaluation seed; fresh seeds must be new`);
  return {
    search,
    searchFile: file,
    text,
    scenarioPath,
    scenarioText,
    fixed,
    epochs: scenario.epochs,
    evaluationSeeds,
    freshSeeds,
    invariant,
  };
}
