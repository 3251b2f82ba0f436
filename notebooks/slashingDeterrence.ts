/**
 * Worked analysis: does slashing make the attacks in scenarios/slashing.yaml stop paying?
 *
 * Runs the scenario (an equivocating validator; three copycat miners with 20 tokens of collateral,
 * flagged by the owner's rule) over a grid of the owner's detection probability and the slash
 * share, and prints each attacker group's profit after costs and slashes (reward + task fees − cost
 * − slashed stake) next to what was slashed. Every number comes from real runs.
 *
 *   npx tsx notebooks/slashingDeterrence.ts [--epochs 20]
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
