/**
 * Worked analysis: does slashing make the attacks in scenarios/slashing.yaml stop paying?
 *
 * Runs the scenario (an equivocating validator; three copycat miners with 20 tokens of collateral,
 * flagged by the owner's rule) over a grid of the owner's detection probability and the slash
 * share, and prints each attacker group's profit after costs and slashes (reward + task fees − cost
 * − slashed stake) next to what was slashed. Every number comes from real runs.
 *
 *   npx tsx notebooks/slashingDeterrence.ts [--epochs 20]
 *
 * Recorded output (20 epochs; rerun on the hardened contracts of issue 17, identical to the run on
 * main 6cab67e: the scenario never unstakes, flags a miner at most once an epoch and proves in the
 * reveal epoch, so the new bounds do not bind it):
 *
 * | detection p | slash share | copycats' profit (3) | copycats slashed | copycats' collateral left | equivocator's profit | equivocator slashed | equivocator's stake left |
 * | --- | --- | --- | --- | --- | --- | --- | --- |
 * | 0 | 0.1 | 3047.9 | 0.0 | 60.0 | -888.6 | 878.4 | 121.6 |
 * | 0.25 | 0.1 | 3024.5 | 23.4 | 36.6 | -888.6 | 878.4 | 121.6 |
 * | 1 | 0.1 | 2995.2 | 52.7 | 7.3 | -888.6 | 878.4 | 121.6 |
 * | 0 | 0.5 | 3034.8 | 0.0 | 60.0 | -1010.2 | 1000.0 | 0.0 |
 * | 0.25 | 0.5 | 2980.5 | 54.3 | 5.7 | -1010.2 | 1000.0 | 0.0 |
 * | 1 | 0.5 | 2974.8 | 60.0 | 0.0 | -1010.2 | 1000.0 | 0.0 |
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { AgentRow } from "../sim/run/runTables.ts";
import { runScenario } from "../sim/runScenario.ts";

const { values } = parseArgs({ options: { epochs: { type: "string", default: "20" } } });
const epochs = Number(values.epochs);
const out = await mkdtemp(join(tmpdir(), "crucible-slashing-"));

const group = (agents: readonly AgentRow[], strategy: string) => {
  const g = agents.filter((a) => a.strategy === strategy);
  const sum = (f: (a: AgentRow) => number) => g.reduce((s, a) => s + f(a), 0);
  return {
    profit: sum((a) => a.totalReward + a.totalFees - a.cost - a.slashed),
    slashed: sum((a) => a.slashed),
    stakeLeft: sum((a) => a.stake),
  };
};

console.log(
  "| detection p | slash share | copycats' profit (3) | copycats slashed | copycats' collateral left | equivocator's profit | equivocator slashed | equivocator's stake left |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const share of [0.1, 0.5]) {
  for (const probability of [0, 0.25, 1]) {
    const run = await runScenario({
      scenarioPath: "scenarios/slashing.yaml",
      epochs,
      outDir: out,
      overrides: { slashing: { share, flagMiners: [{ strategy: "copycat", probability }] } },
    });
    const c = group(run.tables.agents, "copycat");
    const e = group(run.tables.agents, "equivocator");
    const f = (x: number) => x.toFixed(1);
    console.log(
      `| ${probability} | ${share} | ${f(c.profit)} | ${f(c.slashed)} | ${f(c.stakeLeft)} | ${f(e.profit)} | ${f(e.slashed)} | ${f(e.stakeLeft)} |`,
    );
  }
}
console.log(`\nrun folders: ${out}`);
