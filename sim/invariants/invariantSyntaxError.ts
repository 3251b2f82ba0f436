import { CrucibleError } from "../errors/CrucibleError.ts";

/**
 * A syntax error in an invariant line: `where` (file and field, e.g. `scenarios/x.yaml: invariants[2]`),
 * the 1-based column and what was wrong there; the details show the line with a caret under the column.
 */
export function invariantSyntaxError(
  source: string,
  where: string,
  column: number,
  reason: string,
): CrucibleError {
  return new CrucibleError(
    "CRUCIBLE_SCENARIO_INVALID",
    `${where === "" ? "" : `${where}: `}column ${column}: ${reason}`,
    {
      details: `${source}\n${" ".repeat(column - 1)}^`,
    },
  );
}
