import type { ParticipationRow } from "../../sim/run/runTables.ts";
import { escapeHtml } from "./escapeHtml.ts";

/**
 * The open-participation section (runs with a `participation:` section): every entry, exit and
 * prune in epoch order, with what the prospect expected when it entered. Empty in other runs.
 */
export function participationHtml(rows: readonly ParticipationRow[] | undefined): string {
  if (rows === undefined) return "";
  const count = (action: string) => rows.filter((r) => r.action === action).length;
  const num = (x: number, show: boolean) => (show ? x.toFixed(1) : "");
  const body = rows
    .map((r) => {
      const enter = r.action === "enter";
      const exit = r.action === "exit";
      return (
        `<tr data-action="${r.action}"><td>${r.epoch}</td><td>${escapeHtml(r.agent)}</td><td>${escapeHtml(r.tier)}</td>` +
        `<td>${escapeHtml(r.strategy)}</td><td>${r.action}</td><td>${num(r.rewardPerEpoch, enter || exit)}</td>` +
        `<td>${num(r.costPerEpoch, enter || exit)}</td><td>${num(r.burned, enter)}</td>` +
        `<td>${num(r.profit, enter || exit)}</td><td>${escapeHtml(r.outcome)}</td></tr>`
      );
    })
    .join("\n");
  return `<h2>Participation</h2>
<p>${count("enter")} entries, ${count("exit")} exits, ${count("pruned")} UIDs pruned (participation.csv). A prospect registers when its expected profit over the horizon is positive (the reward of comparable serving miners, less its costs and the registration burn); a miner whose own profit stayed negative stops serving and keeps its UID until a registration prunes it (the contracts have no deregistration). Profit: expected over the horizon at entry; its own over the losing streak at exit.</p>
<table class="metrics participation"><thead><tr><th>epoch</th><th>agent</th><th>tier</th><th>strategy</th><th>action</th><th>reward per epoch</th><th>cost per epoch</th><th>burned</th><th>profit</th><th>outcome</th></tr></thead>
<tbody>
${body}
</tbody></table>`;
}
