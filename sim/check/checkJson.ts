import type { CheckReport } from "./runCheck.ts";

/** The check as JSON: every target, invariant and outcome; runs without their per-epoch metrics. */
export function checkJson(report: CheckReport): string {
  const targets = report.targets.map((t) => ({
    ...t,
    runs: t.runs.map(({ metrics, ...run }) => ({ ...run, ...(metrics ? { metrics: metrics.run } : {}) })),
  }));
  return `${JSON.stringify({ passed: report.passed, targets }, null, 2)}\n`;
}
