/**
 * Worked analysis: does the reward follow miner quality under each mechanism?
 *
 * Runs the quickstart population (16 honest miners in four quality tiers, 4 validators) under
 * several mechanisms and seeds, and prints, per mechanism, the Spearman correlation between a
 * miner's true held-out accuracy and its total reward, the Gini of miner rewards and the share of
 * the emission validators took. Every number comes from real runs (Anvil, contracts, tfjs).
 *
 *   npx tsx notebooks/mechanismComparison.ts [--seeds 3] [--epochs 20]
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { mean, sampleStandardDeviation } from "simple-statistics";
import { computeGini } from "../reports/metrics/computeGini.ts";
import { computeSpearman } from "../reports/metrics/computeSpearman.ts";
import { runScenario } from "../sim/runScenario.ts";

const { values } = parseArgs({
  options: { seeds: { type: "string", default: "3" }, epochs: { type: "string", default: "20" } },
});
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
const epochs = Number(values.epochs);

const MECHANISMS: [string, Record<string, unknown>][] = [
  ["yuma (Yuma 3)", { name: "yuma", params: { yuma3: true } }],
  ["yuma (classic)", { name: "yuma", params: { yuma3: false } }],
  ["yuma-no-clip", { name: "yuma-no-clip", params: null }],
  ["yuma-no-bonds", { name: "yuma-no-bonds", params: null }],
  ["stake-weighted-mean", { name: "stake-weighted-mean", params: null }],
];

const out = await mkdtemp(join(tmpdir(), "crucible-notebook-"));
const fmt = (xs: number[]) =>
  xs.length > 1 ? `${mean(xs).toFixed(3)} ± ${sampleStandardDeviation(xs).toFixed(3)}` : xs[0].toFixed(3);

console.log(`| mechanism | Spearman(accuracy, reward) | Gini of miner rewards | validators' share | runs |`);
console.log(`| --- | --- | --- | --- | --- |`);
for (const [label, mechanism] of MECHANISMS) {
  const spearman: number[] = [];
  const gini: number[] = [];
  const validatorShare: number[] = [];
  for (const seed of seeds) {
    const { tables } = await runScenario({
      scenarioPath: "scenarios/quickstart.yaml",
      seed,
      epochs,
      outDir: out,
      overrides: { mechanism },
    });
    const miners = tables.agents.filter((a) => a.role === "miner");
    const total = tables.agents.reduce((s, a) => s + a.totalReward, 0);
    spearman.push(
      computeSpearman(
        miners.map((m) => m.trueQuality),
        miners.map((m) => m.totalReward),
      ),
    );
    gini.push(computeGini(miners.map((m) => m.totalReward)));
    validatorShare.push(
      tables.agents.filter((a) => a.role === "validator").reduce((s, a) => s + a.totalReward, 0) / total,
    );
  }
  console.log(
    `| ${label} | ${fmt(spearman)} | ${fmt(gini)} | ${fmt(validatorShare)} | ${seeds.length} seeds × ${epochs} epochs |`,
  );
}
console.log(`\nrun folders: ${out}`);
