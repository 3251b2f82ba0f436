/**
 * What governance changed in a run (issue 23): its proposals and outcomes from governance.csv, then
 * per epoch the miners' share of the reward, the Gini coefficient of the agents' rewards and the
 * miners' reward per unit of true accuracy (Σ reward / Σ trueQuality), with their means before and
 * after the first executed change takes effect. Reads the run folders given.
 *
 *   npx tsx notebooks/governanceEffect.ts runs/governance-proposers-23-…
 */

import { computeGini } from "../reports/metrics/computeGini.ts";
import { readRunFolder } from "../sim/run/readRunFolder.ts";

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);
const f3 = (x: number) => x.toFixed(3);

for (const dir of process.argv.slice(2)) {
  const { tables } = await readRunFolder(dir);
  const g = tables.governance ?? [];
  console.log(
    `# ${dir}\n\n| proposal | proposer | change | for | against | outcome |\n| --- | --- | --- | --- | --- | --- |`,
  );
  for (const p of g.filter((r) => r.action === "propose" && r.proposal >= 0)) {
    const votes = g.filter((r) => r.proposal === p.proposal && r.action === "vote");
    const sum = (support: string) => {
      const v = votes.filter((r) => r.support === support);
      return `${v.reduce((s, r) => s + r.votes, 0).toFixed(1)} (${v.length})`;
    };
    const out = g.find((r) => r.proposal === p.proposal && r.action === "outcome");
    console.log(
      `| #${p.proposal} (epoch ${p.epoch}) | ${p.agent} | ${p.detail} | ${sum("for")} | ${sum("against")} | ${out === undefined ? "open" : `${out.status} in epoch ${out.epoch}`} |`,
    );
  }
  const executed = g.find((r) => r.action === "outcome" && r.status === "Executed");
  const effective = executed === undefined ? Number.POSITIVE_INFINITY : executed.epoch + 1;
  const quality = new Map(tables.agents.map((a) => [a.agent, a.trueQuality]));
  const epochs = [...new Set(tables.agentEpochs.map((r) => r.epoch))]
    .sort((a, b) => a - b)
    .filter((e) => e > 0);
  const rows = epochs.map((epoch) => {
    const rs = tables.agentEpochs.filter((r) => r.epoch === epoch);
    const miners = rs.filter((r) => r.role === "miner");
    const all = rs.reduce((s, r) => s + r.reward, 0);
    const minerReward = miners.reduce((s, r) => s + r.reward, 0);
    const accuracy = miners.reduce((s, r) => s + (quality.get(r.agent) ?? 0), 0);
    return {
      epoch,
      share: minerReward / all,
      gini: computeGini(rs.map((r) => r.reward)),
      perAccuracy: minerReward / accuracy,
    };
  });
  console.log(
    "\n| epoch | miners' share | Gini of rewards | miners' reward per unit accuracy |\n| --- | --- | --- | --- |",
  );
  for (const r of rows)
    console.log(`| ${r.epoch} | ${f3(r.share)} | ${f3(r.gini)} | ${r.perAccuracy.toFixed(1)} |`);
  for (const [label, part] of [
    ["before", rows.filter((r) => r.epoch < effective)],
    ["after", rows.filter((r) => r.epoch >= effective)],
  ] as const) {
    if (part.length === 0) continue;
    console.log(
      `\n${label} (epochs ${part[0].epoch}–${part[part.length - 1].epoch}): miners' share ${f3(mean(part.map((r) => r.share)))}, Gini ${f3(mean(part.map((r) => r.gini)))}, reward per unit accuracy ${mean(part.map((r) => r.perAccuracy)).toFixed(1)}`,
    );
  }
}
