import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseDocument } from "yaml";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { formatPath } from "../scenario/loadScenario.ts";
import { type Sweep, sweepSchema } from "./sweepSchema.ts";

export interface LoadedSweep {
  file: string;
  sweep: Sweep;
  /** The base scenario's path, resolved against the sweep file's folder. */
  scenarioPath: string;
  text: string;
}

/** Reads, parses and validates a sweep file; every problem names the file and field path. */
export async function loadSweep(file: string): Promise<LoadedSweep> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new CrucibleError("CRUCIBLE_SCENARIO_NOT_FOUND", `${file}: cannot read sweep file`, { cause });
  }
  const sweep = parseSweep(text, file);
  return { file, sweep, scenarioPath: resolve(dirname(file), sweep.scenario), text };
}

export function parseSweep(text: string, file: string): Sweep {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0)
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `${file}: invalid YAML: ${doc.errors[0].message.split("\n")[0]}`,
    );
  const parsed = sweepSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const path = formatPath(issue.path);
      if (issue.code === "unrecognized_keys")
        return `${file}: ${issue.keys.map((k) => (path === "(root)" ? k : `${path}.${k}`)).join(", ")}: unknown field`;
      return `${file}: ${path}: ${issue.message.replace(/^Invalid (input|option): /, "")}`;
    });
    throw new CrucibleError("CRUCIBLE_SCENARIO_INVALID", lines[0], { details: lines.join("\n") });
  }
  return parsed.data;
}
