import { z } from "zod";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { checkMetricNames } from "../invariants/checkMetricNames.ts";
import { parseInvariant } from "../invariants/parseInvariant.ts";

/**
 * One invariant line, parsed as it is validated: a typo is refused with its column
 * (`scenarios/x.yaml: invariants[1]: column 17: expected a comparison ...`). YAML reads an unquoted
 * `- after epoch 10: x > 1` as a one-key map; that is read back as the line it was.
 */
export const invariantLineSchema = z.preprocess(joinWindowMap, z.string()).superRefine((line, ctx) => {
  try {
    checkMetricNames(parseInvariant(line, ""), "");
  } catch (error) {
    if (!(error instanceof CrucibleError)) throw error;
    ctx.addIssue({ code: "custom", message: error.message });
  }
});

function joinWindowMap(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value);
  if (entries.length !== 1 || typeof entries[0][1] !== "string") return value;
  return `${entries[0][0]}: ${entries[0][1]}`;
}
