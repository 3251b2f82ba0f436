import type { z } from "zod";

interface OperatorsInput {
  operators?: { name: string }[];
  population: { miners: { operator?: string }[]; validators: { operator?: string }[] };
}

/** Operators are declared once, and every group's `operator:` names one of them. */
export function checkOperators(s: OperatorsInput, ctx: z.RefinementCtx): void {
  const names = (s.operators ?? []).map((o) => o.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) {
      ctx.addIssue({
        code: "custom",
        path: ["operators", i, "name"],
        message: `operator "${name}" is declared twice`,
      });
    }
  });
  for (const role of ["miners", "validators"] as const) {
    s.population[role].forEach((group, g) => {
      if (group.operator !== undefined && !names.includes(group.operator)) {
        ctx.addIssue({
          code: "custom",
          path: ["population", role, g, "operator"],
          message: `unknown operator "${group.operator}", expected one declared in operators: (${names.join("|") || "none declared"})`,
        });
      }
    });
  }
}
