import { readFile } from "node:fs/promises";
import { CrucibleError } from "../../errors/CrucibleError.ts";
import { formatCaseJson } from "./formatCaseJson.ts";
import { type Arithmetic, runMechanismCase } from "./runMechanismCase.ts";

/**
 * `crucible mechanism <case.json> [--arithmetic float64|fixed]`: reads a case file, runs it and
 * returns the JSON text the CLI prints to stdout.
 */
export async function mechanismCommand(path: string, arithmetic: Arithmetic = "float64"): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new CrucibleError("CRUCIBLE_MECHANISM_INVALID", `${path}: cannot read the case file`, { cause });
  }
  let caseObject: unknown;
  try {
    caseObject = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new CrucibleError("CRUCIBLE_MECHANISM_INVALID", `${path}: invalid JSON: ${reason}`, { cause });
  }
  return `${formatCaseJson(runMechanismCase(caseObject, { arithmetic, file: path }))}\n`;
}
