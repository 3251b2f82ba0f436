/**
 * Worked analysis: what does each attack scenario cost the honest agents?
 *
 * For every attack scenario, runs it and its honest twin — the same file and seed with every
 * adversary's strategy set to "honest" — and prints the adversaries' share of rewards against their
 * share of work and stake, the honest miners' loss relative to the twin, and the Spearman correlation
 * between true quality and reward in both. Every number comes from real runs.
 *
 *   npx tsx notebooks/attackCost.ts [--epochs 20]
 */
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { computeAdversaryShare } from "../reports/metrics/computeAdversaryShare.ts";
import { computeHonestLoss } from "../reports/metrics/computeHonestLoss.ts";
import { computeSpearman } from "../reports/metrics/computeSpearman.ts";
import type { RunTables } from "../sim/run/runTables.ts";
import { runScenario } from "../sim/runScenario.ts";

const { values } = parseArgs({ options: { epochs: { type: "string", default: "20" } } });
const epochs = Number(values.epochs);
const ATTACKS = ["scenarios/copycat-miners.yaml", "scenarios/weight-copier.yaml"];
const out = await mkdtemp(join(tmpdir(), "crucible-attacks-"));

/** The population with every adversary made honest: the attack's counterfactual. */
function honestTwin(file: string) {
  const population = parse(readFileSync(file, "utf8")).population as Record<string, { strategy?: string }[]>;
  const honest = (groups: { strategy?: string }[]) => groups.map((g) => ({ ...g, strategy: "honest" }));
  return { population: { miners: honest(population.miners), validators: honest(population.validators) } };
}

const spearman = (t: RunTables) => {
  const miners = t.agents.filter((a) => a.role === "miner");
  return computeSpearman(
    miners.map((m) => m.trueQuality),
    miners.map((m) => m.totalReward),
  );
};

console.log(
  "| attack | adversaries' reward share | their work share | their stake share | their profit after costs (tokens) | honest miners' loss vs. twin | Spearman (attack / twin) |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const file of ATTACKS) {
  const attack = await runScenario({ scenarioPath: file, epochs, outDir: out });
  const twin = await runScenario({ scenarioPath: file, epochs, outDir: out, overrides: honestTwin(file) });
  const share = computeAdversaryShare(attack.tables);
  const loss = computeHonestLoss(attack.tables, twin.tables);
  const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)} %`);
  console.log(
    `| ${file} | ${pct(share.rewardShare)} | ${pct(share.workShare)} | ${pct(share.stakeShare)} | ${share.profit.toFixed(0)} | ${pct(loss.loss)} | ${spearman(attack.tables).toFixed(3)} / ${spearman(twin.tables).toFixed(3)} |`,
  );
}
console.log(`\nrun folders: ${out}`);
