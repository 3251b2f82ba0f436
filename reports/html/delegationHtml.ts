import type { DelegatorRow, StakeMoveRow } from "../../sim/run/runTables.ts";
import { escapeHtml } from "./escapeHtml.ts";

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);

/**
 * The delegation section (runs with a `delegation:` section): per strategy, what its delegators
 * earned and how often they moved; per validator, the delegated stake and take at the end. Empty in
 * other runs.
 */
export function delegationHtml(
  delegators: readonly DelegatorRow[] | undefined,
  moves: readonly StakeMoveRow[] | undefined,
): string {
  if (delegators === undefined || delegators.length === 0) return "";
  const last = Math.max(...delegators.map((r) => r.epoch));
  const names = [...new Set(delegators.map((r) => r.delegator))];
  const strategies = [...new Set(delegators.map((r) => r.strategy))];
  const strategyRows = strategies
    .map((strategy) => {
      const mine = names.filter((n) => delegators.some((r) => r.delegator === n && r.strategy === strategy));
      const rewards = mine.map((n) =>
        delegators.filter((r) => r.delegator === n).reduce((s, r) => s + r.reward, 0),
      );
      const yields = delegators.filter((r) => r.strategy === strategy && r.epoch > 0).map((r) => r.yield);
      const moved = (moves ?? []).filter((m) => m.action === "unstake" && mine.includes(m.actor)).length;
      return (
        `<tr data-strategy="${escapeHtml(strategy)}"><td>${escapeHtml(strategy)}</td><td>${mine.length}</td>` +
        `<td>${mean(rewards).toFixed(2)}</td><td>${(mean(yields) * 100).toFixed(3)} %</td><td>${moved}</td></tr>`
      );
    })
    .join("\n");
  const final = delegators.filter((r) => r.epoch === last);
  const validators = [...new Set(final.map((r) => r.validator).filter((v) => v !== ""))].sort();
  const takes = new Map<string, number>();
  for (const m of moves ?? [])
    if (m.action === "setTake" && m.outcome === "success") takes.set(m.actor, m.take);
  const validatorRows = validators
    .map((v) => {
      const on = final.filter((r) => r.validator === v);
      const take = takes.get(v);
      return `<tr><td>${escapeHtml(v)}</td><td>${on.length}</td><td>${on.reduce((s, r) => s + r.stake, 0).toFixed(1)}</td><td>${take === undefined ? "as deployed" : take.toFixed(2)}</td></tr>`;
    })
    .join("\n");
  return `<h2>Delegation</h2>
<p>Delegators (delegators.csv) stake on validators and move through Staking's unstake, cooldown and withdraw (stake_moves.csv); a reward is what the delegator's stake earned in the epoch (dividends compounded net of the validator's take), the yield that reward over its stake.</p>
<table class="metrics delegation"><thead><tr><th>strategy</th><th>delegators</th><th>mean total reward (tokens)</th><th>mean yield per epoch</th><th>moves</th></tr></thead>
<tbody>
${strategyRows}
</tbody></table>
<table class="metrics delegation-validators"><thead><tr><th>validator (epoch ${last})</th><th>delegators</th><th>delegated stake (tokens)</th><th>last take set</th></tr></thead>
<tbody>
${validatorRows}
</tbody></table>`;
}
