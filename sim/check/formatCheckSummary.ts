import type { CheckReport, InvariantResult } from "./runCheck.ts";

const MARK = { pass: "✓", fail: "✗", skip: "-" } as const;

/** The check as people read it: per scenario, each invariant with its verdict and, on a failure,
 * the scenario, seed, epoch and the values that broke it. */
export function formatCheckSummary(report: CheckReport): string {
  const lines: string[] = [];
  for (const t of report.targets) {
    const failed = t.results.filter((r) => r.status === "fail").length;
    lines.push(`${t.passed ? "PASS" : "FAIL"} ${t.name} (${t.file}; seeds ${t.seeds.join(", ")})`);
    for (const r of t.results) {
      const f = r.failure;
      const held = r.outcomes.filter((o) => o.status === "pass").length;
      const detail =
        f === undefined && r.kind === "baseline"
          ? `${held} metrics within tolerance or not significantly worse`
          : f === undefined
            ? (r.outcomes.find((o) => o.status === "pass")?.message ??
              r.outcomes[0]?.message ??
              "no run completed")
            : [
                f.seed === undefined ? "" : `seed ${f.seed}`,
                f.epoch === undefined || f.message.startsWith(`epoch ${f.epoch}:`) ? "" : `epoch ${f.epoch}`,
                f.message,
              ]
                .filter((s) => s !== "")
                .join(": ");
      lines.push(`  ${MARK[r.status]} [${r.kind}] ${r.source} — ${detail}`);
      if (r.shrunk !== undefined) lines.push(`      ${shrunkLine(r.shrunk)}`);
    }
    if (failed > 0) lines.push(`  ${failed} of ${t.results.length} invariants failed`);
  }
  const failedTargets = report.targets.filter((t) => !t.passed).length;
  lines.push(
    report.passed
      ? `check passed: ${report.targets.length} scenario(s)`
      : `check failed: ${failedTargets} of ${report.targets.length} scenario(s)`,
  );
  return lines.join("\n");
}

/** Where a failure's shrunk case is and how small it got. */
export function shrunkLine(s: NonNullable<InvariantResult["shrunk"]>): string {
  return `shrunk to ${s.epochs} epochs, ${s.agents} agents (from ${s.from.epochs}, ${s.from.agents}): crucible replay ${s.casePath}`;
}
