import { buildPageHtml } from "../../../reports/html/buildPageHtml.ts";
import type { SweepPlanFile } from "../planSweep.ts";
import type { SweepRow } from "../sweepTable.ts";

export function buildSweepHtml(plan: SweepPlanFile, rows: readonly SweepRow[]): string {
  return buildPageHtml({
    title: `sweep ${plan.name}`,
    body: `<h1>${plan.name}</h1><p>${rows.length} runs</p>`,
    charts: [],
  });
}
