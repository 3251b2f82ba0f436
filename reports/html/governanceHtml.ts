import type { GovernanceRow } from "../../sim/run/runTables.ts";
import { escapeHtml } from "./escapeHtml.ts";

/**
 * The governance section: one line per proposal (who proposed what, in which epoch, the votes for and
 * against as cast, the bribes a vote buyer paid for it, how it ended and when it took effect). Empty in
 * runs without governance.
 */
export function governanceHtml(rows: readonly GovernanceRow[] | undefined): string {
  if (rows === undefined || rows.length === 0) return "";
  const proposals = rows.filter((r) => r.action === "propose");
  // A vote buyer's bribes (claims paid), as a column only in runs that have one.
  const bribed = rows.some((r) => r.action === "offer");
  const bribes = (n: number) => {
    const paid = rows.filter((r) => r.proposal === n && r.action === "claim" && r.status === "success");
    return `<td>${paid.reduce((s, c) => s + Number(c.detail), 0).toFixed(1)} (${paid.length})</td>`;
  };
  const body = proposals
    .map((p) => {
      const votes = rows.filter(
        (r) => r.proposal === p.proposal && r.action === "vote" && r.status === "success",
      );
      const sum = (support: string) =>
        votes.filter((v) => v.support === support).reduce((s, v) => s + v.votes, 0);
      const count = (support: string) => votes.filter((v) => v.support === support).length;
      const outcome = rows.find(
        (r) => r.proposal === p.proposal && r.action === "outcome" && p.proposal >= 0,
      );
      const ended =
        p.status !== "success"
          ? `not proposed (${p.error})`
          : outcome === undefined
            ? "open at the end of the run"
            : outcome.status === "Executed"
              ? `executed in epoch ${outcome.epoch}, in effect from epoch ${outcome.epoch + 1}`
              : `${outcome.status}${outcome.error === "" ? "" : ` (${outcome.error})`} in epoch ${outcome.epoch}`;
      return (
        `<tr data-proposal="${p.proposal}"><td>${p.proposal}</td><td>${p.epoch}</td><td>${escapeHtml(p.agent)}</td>` +
        `<td>${escapeHtml(p.detail)}</td><td>${sum("for").toFixed(1)} (${count("for")})</td>` +
        `<td>${sum("against").toFixed(1)} (${count("against")})</td>${bribed ? bribes(p.proposal) : ""}<td>${escapeHtml(ended)}</td></tr>`
      );
    })
    .join("\n");
  const head = [
    "#",
    "epoch",
    "proposer",
    "changes",
    "for (voters)",
    "against (voters)",
    ...(bribed ? ["bribes paid (holders)"] : []),
    "outcome",
  ];
  return `<h2>Governance</h2>
<p>Every proposal of the run (governance.csv): votes are tokens delegated to each voter; a passed proposal executes through the timelock and applies from the next epoch.</p>
<table class="metrics governance"><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead>
<tbody>
${body}
</tbody></table>`;
}
