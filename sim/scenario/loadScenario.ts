import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { checkRunFits } from "./checkRunFits.ts";
import { type Scenario, scenarioSchema } from "./scenarioSchema.ts";
import { applySetOverrides, type SetOverride } from "./setOverrides.ts";

export interface LoadScenarioOptions {
  /** Overrides merged into the file before validation (from CLI flags). */
  seed?: number;
  epochs?: number;
  /**
   * Any other fields, merged into the file before validation as a JSON Merge Patch (RFC 7386: objects
   * merge, arrays and values replace, `null` removes the field): how sweeps and notebooks vary a
   * scenario without writing files.
   */
  overrides?: Record<string, unknown>;
  /** Fields set by path (`crucible run --set path=value`, sweep parameters), applied after `overrides`. */
  set?: readonly SetOverride[];
  /** Receives deprecation notes (a field spelled the old way), one line each (default: dropped). */
  warn?: (line: string) => void;
  /** The machine's memory in bytes, which the population must fit (default: `os.totalmem()`). */
  machineBytes?: number;
}

/** Reads, parses and validates a scenario YAML file; every problem names the file and field path. */
export async function loadScenario(file: string, options: LoadScenarioOptions = {}): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new CrucibleError("CRUCIBLE_SCENARIO_NOT_FOUND", `${file}: cannot read scenario file`, { cause });
  }
  return parseScenario(text, file, options);
}

/** Alias expansions a scenario may use (yaml's guard against exponential "billion laughs" input). */
const MAX_ALIAS_COUNT = 100;

export function parseScenario(text: string, file: string, options: LoadScenarioOptions = {}): Scenario {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `${file}: invalid YAML: ${e.message.split("\n")[0]}`,
    );
  }
  let raw: unknown;
  try {
    // A scenario never needs many aliases; more is a "billion laughs" document (yaml's default is 100).
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (cause) {
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `${file}: invalid YAML: ${(cause as Error).message.split("\n")[0]} (at most ${MAX_ALIAS_COUNT} alias expansions)`,
      { cause },
    );
  }
  checkOverriddenFields(raw, file, options);
  const withOverrides = isPlainObject(raw)
    ? applySetOverrides(
        deepMerge(raw, {
          ...options.overrides,
          ...(options.seed === undefined ? {} : { seed: options.seed }),
          ...(options.epochs === undefined ? {} : { epochs: options.epochs }),
        }),
        options.set ?? [],
      )
    : raw;
  const parsed = scenarioSchema.safeParse(withOverrides);
  if (!parsed.success) {
    const setPaths = (options.set ?? []).map((s) => s.path);
    const lines = parsed.error.issues.map((issue) => {
      const path = formatPath(issue.path);
      const from = setPaths.find((p) => p === path || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
      return `${file}: ${formatIssue(issue)}${from === undefined ? "" : ` (from --set ${from})`}`;
    });
    throw new CrucibleError("CRUCIBLE_SCENARIO_INVALID", lines[0], { details: lines.join("\n") });
  }
  checkRunFits(parsed.data, file, options.machineBytes);
  return moveDeprecatedFields(parsed.data, withOverrides, file, options.warn);
}

/**
 * The file is valid as written even where a flag replaces a field: `seed: abc` under `--seed 7` is
 * still an error in the file. Only fields the file gives and an override replaces are checked here;
 * the rest is checked once, with the overrides applied.
 */
function checkOverriddenFields(raw: unknown, file: string, options: LoadScenarioOptions): void {
  if (!isPlainObject(raw)) return;
  const overridden = [
    ...Object.keys(options.overrides ?? {}),
    ...(options.seed === undefined ? [] : ["seed"]),
    ...(options.epochs === undefined ? [] : ["epochs"]),
    ...(options.set ?? []).map((s) => s.path),
  ];
  if (overridden.length === 0) return;
  const parsed = scenarioSchema.safeParse(raw);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const path = formatPath(issue.path);
    const by = overridden.find((p) => p === path || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
    if (by !== undefined && hasPath(raw, issue.path)) {
      throw new CrucibleError(
        "CRUCIBLE_SCENARIO_INVALID",
        `${file}: ${formatIssue(issue)} (in the file, although an override replaces ${by})`,
      );
    }
  }
}

function hasPath(value: unknown, path: readonly PropertyKey[]): boolean {
  let at: unknown = value;
  for (const key of path) {
    if (typeof at !== "object" || at === null || !(key in at)) return false;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return true;
}

/** `chain.revealDelayEpochs` (the old spelling) moves to `protocol.revealDelayEpochs`, with a note;
 * giving both is an error. */
function moveDeprecatedFields(
  scenario: Scenario,
  raw: unknown,
  file: string,
  warn: (line: string) => void = () => {},
): Scenario {
  const old = scenario.chain.revealDelayEpochs;
  if (old === undefined) return scenario;
  const protocol = isPlainObject(raw) && isPlainObject(raw.protocol) ? raw.protocol : {};
  if (protocol.revealDelayEpochs !== undefined) {
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `${file}: chain.revealDelayEpochs: the deprecated spelling of protocol.revealDelayEpochs, which is also given; keep only protocol.revealDelayEpochs`,
    );
  }
  warn(`${file}: chain.revealDelayEpochs is deprecated; write protocol.revealDelayEpochs: ${old}`);
  const { revealDelayEpochs: _, ...chain } = scenario.chain;
  return { ...scenario, chain, protocol: { ...scenario.protocol, revealDelayEpochs: old } };
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

function formatIssue(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): string {
  // A union (a strategy's name or { name, params }): report the branch that got furthest.
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const deepest = issue.errors
      .flat()
      .filter((i) => !(i.code === "invalid_type" && i.path.length === 0))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (deepest !== undefined) return formatIssue(deepest, [...prefix, ...issue.path]);
  }
  if (prefix.length > 0) issue = { ...issue, path: [...prefix, ...issue.path] };
  const path = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => (path === "(root)" ? k : `${path}.${k}`));
    return `${keys.join(", ")}: unknown field${keys.length > 1 ? "s" : ""}`;
  }
  return `${path}: ${issue.message.replace(/^Invalid (input|option): /, "")}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON Merge Patch (RFC 7386): objects merge key by key, `null` removes a key, anything else replaces. */
export function deepMerge(
  base: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (isPlainObject(value)) out[key] = deepMerge(isPlainObject(out[key]) ? out[key] : {}, value);
    else out[key] = value;
  }
  return out;
}
