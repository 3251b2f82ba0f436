/**
 * The attack × mechanism matrix (issue 27): each scenario in scenarios/attacks/ under Yuma 3,
 * classic Yuma, Yuma without bonds and the stake-weighted mean, each against its honest twin (the
 * same population and operators with every strategy set to honest), over several seeds, on the
 * in-memory protocol (no report written: the tables only). One JSON line per run pair goes to
 * --out (appended, so a long matrix can be resumed or split across processes); summarise with
 * `npx tsx notebooks/attackMatrixTable.ts <file>`.
 *
 *   npx tsx notebooks/attackMatrix.ts --epochs 12 --seeds 1,2,3 --out matrix.jsonl \
 *     [--attacks cabal,copycat] [--mechanisms yuma3,classic,no-bonds,swm] [--set path=value ...]
 *
 * The attacker is every agent of a declared operator and every agent whose strategy is not honest.
 */
import { appendFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Population } from "../sim/engine/buildPopulation.ts";
import { simulateRun } from "../sim/engine/simulateRun.ts";
import { prepareRun } from "../sim/prepareRun.ts";
import { startMemorySession } from "../sim/protocol/memory/startMemorySession.ts";
import type { AgentRow } from "../sim/run/runTables.ts";
import { honestTwinOverrides } from "../sim/scenario/honestTwin.ts";
import { parseSetFlags } from "../sim/scenario/setOverrides.ts";

export const MECHANISMS: Record<string, Record<string, unknown>> = {
  yuma3: { name: "yuma", params: { yuma3: true } },
  classic: { name: "yuma", params: { yuma3: false } },
  "no-bonds": { name: "yuma-no-bonds", params: null },
  swm: { name: "stake-weighted-mean", params: null },
  allora: { name: "allora-regret", params: null },
};

const { values } = parseArgs({
  options: {
    epochs: { type: "string", default: "12" },
    seeds: { type: "string", default: "1,2,3" },
    attacks: { type: "string" },
    mechanisms: { type: "string", default: "yuma3,classic,no-bonds,swm" },
    out: { type: "string", default: "attack-matrix.jsonl" },
    set: { type: "string", multiple: true, default: [] },
  },
});
const dir = "scenarios/attacks";
const attacks =
  values.attacks?.split(",") ??
  (await readdir(dir)).filter((f) => f.endsWith(".yaml")).map((f) => f.replace(/\.yaml$/, ""));
const seeds = values.seeds.split(",").map(Number);
const set = parseSetFlags(values.set);

async function run(attack: string, mechanism: string, seed: number, twin: boolean) {
  const scenarioPath = join(dir, `${attack}.yaml`);
  const base = await prepareRun({ scenarioPath });
  const prepared = await prepareRun({
    scenarioPath,
    seed,
    epochs: Number(values.epochs),
    set,
    overrides: {
      chain: { backend: "memory" },
      mechanism: MECHANISMS[mechanism],
      ...(twin ? honestTwinOverrides(base.scenario) : {}),
    },
  });
  const { tables } = await simulateRun(prepared, { startProtocol: startMemorySession });
  return { agents: tables.agents, population: prepared.population, choices: tables.choices ?? [] };
}

/** Attackers: agents of a declared operator, or with a strategy other than honest (in the attack run). */
function attackers(population: Population): Set<string> {
  return new Set(
    [...population.validators, ...population.miners]
      .filter((a) => a.operator !== undefined || a.strategy.name !== "honest")
      .map((a) => a.agent),
  );
}

const sum = (rows: readonly AgentRow[], f: (a: AgentRow) => number) => rows.reduce((s, a) => s + f(a), 0);
const profit = (a: AgentRow) => a.totalReward + a.totalFees - a.cost - a.slashed;

for (const attack of attacks) {
  for (const mechanism of values.mechanisms.split(",")) {
    for (const seed of seeds) {
      const t0 = performance.now();
      const hit = await run(attack, mechanism, seed, false);
      const twin = await run(attack, mechanism, seed, true);
      const who = attackers(hit.population);
      const isAttacker = (a: AgentRow) => who.has(a.agent);
      const att = hit.agents.filter(isAttacker);
      const attTwin = twin.agents.filter(isAttacker);
      const honestMiners = hit.agents.filter((a) => a.role === "miner" && !isAttacker(a));
      const honestMinersTwin = twin.agents.filter((a) => a.role === "miner" && !isAttacker(a));
      const genesisStake = (p: Population) =>
        [...p.validators, ...p.miners].reduce((m, a) => m.set(a.agent, a.stake), new Map<string, number>());
      const stakeOf = genesisStake(hit.population);
      const totalStake = [...stakeOf.values()].reduce((s, x) => s + x, 0);
      const attStake = [...who].reduce((s, a) => s + (stakeOf.get(a) ?? 0), 0);
      const miners = hit.agents.filter((a) => a.role === "miner");
      const finalChoices = hit.choices.filter((c) => c.epoch >= Number(values.epochs) / 2);
      const row = {
        attack,
        mechanism,
        seed,
        epochs: Number(values.epochs),
        attackers: att.length,
        rewardShare: sum(att, (a) => a.totalReward) / sum(hit.agents, (a) => a.totalReward),
        twinRewardShare: sum(attTwin, (a) => a.totalReward) / sum(twin.agents, (a) => a.totalReward),
        stakeShare: totalStake > 0 ? attStake / totalStake : 0,
        workShare: miners.filter(isAttacker).length / miners.length,
        profit: sum(att, profit),
        twinProfit: sum(attTwin, profit),
        honestMinerReward: sum(honestMiners, (a) => a.totalReward),
        twinHonestMinerReward: sum(honestMinersTwin, (a) => a.totalReward),
        laterChoices: Object.fromEntries(
          [...new Set(finalChoices.map((c) => c.choice))].map((c) => [
            c,
            finalChoices.filter((x) => x.choice === c).length,
          ]),
        ),
        seconds: Math.round((performance.now() - t0) / 1000),
      };
      await appendFile(values.out, `${JSON.stringify(row)}\n`);
      console.log(JSON.stringify(row));
    }
  }
}
