import type { OperatorRow } from "../../sim/run/runTables.ts";
import { escapeHtml } from "./escapeHtml.ts";

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "");
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/**
 * The operators table: one profit line per actor (an operator pools its miners' and validators'
 * rewards, fees, costs and slashes), so a cabal or a sybil reads as the single actor it is. Empty
 * when the run declares no operators.
 */
export function operatorsHtml(rows: readonly OperatorRow[] | undefined): string {
  if (rows === undefined || rows.length === 0) return "";
  const head = [
    "operator",
    "agents",
    "strategies",
    "stake share",
    "reward share",
    "reward",
    "fees",
    "cost",
    "slashed",
    "profit",
  ];
  const body = rows
    .map(
      (r) =>
        `<tr data-operator="${escapeHtml(r.operator)}"><td>${escapeHtml(r.operator)}</td><td>${r.agents} (${r.miners} miners, ${r.validators} validators)</td>` +
        `<td>${escapeHtml(r.strategies)}</td><td>${pct(r.stakeShare)}</td><td>${pct(r.rewardShare)}</td>` +
        `<td>${fmt(r.totalReward)}</td><td>${fmt(r.totalFees)}</td><td>${fmt(r.cost)}</td><td>${fmt(r.slashed)}</td><td>${fmt(r.profit)}</td></tr>`,
    )
    .join("\n");
  return `<h2>Operators</h2>
<p>Each operator is one actor: its agents' rewards, fees, costs and slashes pooled; profit = reward + fees − cost − slashed (tokens).</p>
<table class="metrics operators"><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead>
<tbody>
${body}
</tbody></table>`;
}
