import type { z } from "zod";
import { CrucibleError } from "../../errors/CrucibleError.ts";
import { formatPath } from "../../scenario/loadScenario.ts";

/** Turns a case's validation issues into one `<file>: <field path>: <expected>` error. */
export function formatCaseError(file: string, issues: readonly z.core.$ZodIssue[]): CrucibleError {
  const lines = issues.map((issue) => `${file}: ${formatIssue(issue)}`);
  return new CrucibleError("CRUCIBLE_MECHANISM_INVALID", lines[0], { details: lines.join("\n") });
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const path = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => (path === "(root)" ? k : `${path}.${k}`));
    return `${keys.join(", ")}: unknown field${keys.length > 1 ? "s" : ""}`;
  }
  if (issue.code === "invalid_union") {
    // Report the branch that got furthest (the one matching the value's shape), at its own path.
    const deepest = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0];
    if (deepest && depth(deepest) > 0) {
      const inner = deepest[0];
      return formatIssue({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue);
    }
    return `${path}: expected an object of UID → u16 weight or an array of u16`;
  }
  return `${path}: ${issue.message.replace(/^Invalid (input|option): /, "")}`;
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return issues.length === 0 ? 0 : Math.max(...issues.map((i) => i.path.length));
}
