import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseDocument } from "yaml";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Invariant } from "../invariants/invariantAst.ts";
import { parseInvariant } from "../invariants/parseInvariant.ts";
import { prepareRun } from "../prepareRun.ts";
import { deepMerge, formatPath } from "../scenario/loadScenario.ts";
import { refuseNetwork } from "../scenario/refuseNetwork.ts";
import { checkFileSchema } from "./checkFileSchema.ts";
import type { RawScenario } from "./shrinkCandidates.ts";

/** One scenario to check: where its invariants were written and how to run it. */
export interface CheckTarget {
  /** The check file, or the scenario file when the invariants sit in its `invariants:` section. */
  file: string;
  /** The file's text (to point annotations at the invariant's line). */
  text: string;
  name: string;
  scenarioPath: string;
  /** The scenario's seed (with the overrides): the first seed a check runs. */
  baseSeed: number;
  /** Seeds to run unless the caller says (--seeds). */
  seeds?: number;
  epochs?: number;
  overrides?: Record<string, unknown>;
  /** The scenario file as written with the overrides merged in (what a shrink makes smaller). */
  raw: RawScenario;
  /** Epochs the scenario runs with the check's settings (before --epochs). */
  scenarioEpochs: number;
  invariants: Invariant[];
}

/**
 * Reads a check file, a scenario with an `invariants:` section, or a folder of either (its *.yaml
 * files, sorted). Every file is validated — check schema, scenario schema, each invariant — before
 * anything runs; an error names the file and field (and the column, for an invariant).
 */
export async function loadCheckTargets(
  path: string,
  overrides?: Record<string, unknown>,
): Promise<CheckTarget[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (cause) {
    throw new CrucibleError("CRUCIBLE_SCENARIO_NOT_FOUND", `${path}: no such file or folder`, { cause });
  }
  const files = info.isDirectory()
    ? (await readdir(path))
        .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
        .sort()
        .map((f) => join(path, f))
    : [path];
  const targets: CheckTarget[] = [];
  for (const file of files) {
    const target = await loadCheckTarget(file, overrides);
    if (target !== null) targets.push(target);
  }
  if (targets.length === 0) {
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `${path}: nothing to check: no check file (check: <scenario>) and no scenario with invariants:`,
    );
  }
  return targets;
}

async function loadCheckTarget(file: string, extra?: Record<string, unknown>): Promise<CheckTarget | null> {
  const text = await readFile(file, "utf8");
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `${file}: invalid YAML: ${doc.errors[0].message.split("\n")[0]}`,
    );
  }
  const raw = doc.toJS() as Record<string, unknown> | null;
  if (raw !== null && typeof raw === "object" && "check" in raw) {
    const parsed = checkFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CrucibleError(
        "CRUCIBLE_SCENARIO_INVALID",
        `${file}: ${formatPath(issue.path)}: ${issue.message}`,
      );
    }
    const c = parsed.data;
    const scenarioPath = resolve(dirname(file), c.check);
    const overrides = { ...c.overrides, ...extra };
    // The scenario is validated now, with the check's overrides, before anything runs.
    const prepared = await prepareRun({ scenarioPath, epochs: c.epochs, overrides });
    refuseNetwork(prepared.scenario, "check", `${file}: check: ${scenarioPath}`);
    return {
      file,
      text,
      name: file.replace(/^.*\//, "").replace(/\.ya?ml$/, ""),
      scenarioPath,
      baseSeed: prepared.scenario.seed,
      seeds: c.seeds,
      epochs: c.epochs,
      overrides,
      raw: await rawScenario(scenarioPath, overrides),
      scenarioEpochs: prepared.scenario.epochs,
      invariants: [
        ...(prepared.scenario.invariants ?? []).map((line, i) =>
          parseInvariant(line, `${scenarioPath}: invariants[${i}]`),
        ),
        ...c.invariants.map((line, i) => parseInvariant(line, `${file}: invariants[${i}]`)),
      ],
    };
  }
  const prepared = await prepareRun({ scenarioPath: file, overrides: extra });
  const lines = prepared.scenario.invariants ?? [];
  if (lines.length === 0) return null; // (a folder's scenarios without invariants, networks too, are skipped)
  refuseNetwork(prepared.scenario, "check", file);
  return {
    file,
    text,
    name: prepared.scenario.name,
    scenarioPath: file,
    baseSeed: prepared.scenario.seed,
    overrides: extra,
    raw: await rawScenario(file, extra),
    scenarioEpochs: prepared.scenario.epochs,
    invariants: lines.map((line, i) => parseInvariant(line, `${file}: invariants[${i}]`)),
  };
}

/** The scenario file's YAML as data with the overrides merged in (prepareRun has validated it). */
async function rawScenario(file: string, overrides?: Record<string, unknown>): Promise<RawScenario> {
  const raw = parseDocument(await readFile(file, "utf8")).toJS() as RawScenario;
  return deepMerge(raw, overrides ?? {});
}
