/**
 * Summary of `scenarios/participation.yaml` runs (issue 27, open participation): for each directory
 * of run folders (one registration burn each), over its runs: the prospects that entered (by tier),
 * the miners that stopped serving, the UIDs pruned, the first entry's epoch, what the miners burned,
 * and the profit of the entrants and of the genesis miners (agents.csv: reward + fees − cost −
 * slashed, the burn included). Means over the runs, with [min, max].
 *
 *   npx tsx notebooks/participationSummary.ts /tmp/burn-0 /tmp/burn-250 ...
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readRunFolder } from "../sim/run/readRunFolder.ts";

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);
const cell = (xs: readonly number[], digits = 1) =>
  xs.length === 0
    ? "–"
    : `${mean(xs).toFixed(digits)} [${Math.min(...xs).toFixed(digits)}, ${Math.max(...xs).toFixed(digits)}]`;

console.log(
  "| runs | burn | entries | entries expert / average / poor | exits | pruned | first entry epoch | entrants' profit each | genesis miners' profit each |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const root of process.argv.slice(2)) {
  const runs = readdirSync(root)
    .filter((d) => d.startsWith("participation-"))
    .sort();
  const entries: number[] = [];
  const byTier = { expert: [] as number[], average: [] as number[], poor: [] as number[] };
  const exits: number[] = [];
  const pruned: number[] = [];
  const first: number[] = [];
  const entrantProfit: number[] = [];
  const genesisProfit: number[] = [];
  let burn = Number.NaN;
  for (const run of runs) {
    const { tables } = await readRunFolder(join(root, run));
    const p = tables.participation ?? [];
    const enters = p.filter((r) => r.action === "enter" && r.outcome === "success");
    entries.push(enters.length);
    for (const tier of ["expert", "average", "poor"] as const)
      byTier[tier].push(enters.filter((r) => r.tier === tier).length);
    exits.push(p.filter((r) => r.action === "exit").length);
    pruned.push(p.filter((r) => r.action === "pruned").length);
    if (enters.length > 0) first.push(Math.min(...enters.map((r) => r.epoch)));
    const entered = new Set(enters.map((r) => r.agent));
    // Genesis miners: those serving in epoch 0.
    const genesis = new Set(tables.agentEpochs.filter((r) => r.epoch === 0).map((r) => r.agent));
    for (const a of tables.agents.filter((x) => x.role === "miner")) {
      const profit = a.totalReward + a.totalFees - a.cost - a.slashed;
      if (entered.has(a.agent)) entrantProfit.push(profit);
      else if (genesis.has(a.agent)) genesisProfit.push(profit);
    }
    const validator = tables.agents.find((a) => a.role === "validator");
    burn = validator?.registrationBurn ?? Number.NaN;
  }
  console.log(
    `| ${runs.length} | ${burn} | ${cell(entries)} | ${mean(byTier.expert).toFixed(1)} / ${mean(byTier.average).toFixed(1)} / ${mean(byTier.poor).toFixed(1)} | ` +
      `${cell(exits)} | ${cell(pruned)} | ${cell(first)} | ${cell(entrantProfit, 0)} | ${cell(genesisProfit, 0)} |`,
  );
}
