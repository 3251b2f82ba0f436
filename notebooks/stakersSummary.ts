/**
 * Summary of `scenarios/stakers.yaml` runs (issue 27): for every run folder under the given
 * directories, the loyal and the yield-chasing delegators' mean total reward, the loyal ones' by the
 * validator they staked on at genesis, the moves, the epochs chasers spent unbonding, the final
 * share of delegated stake per validator and the competitive validator's lowest take; then the means
 * over the runs. Reads delegators.csv and stake_moves.csv only.
 *
 *   npx tsx notebooks/stakersSummary.ts /tmp/stakers-seeds
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readRunFolder } from "../sim/run/readRunFolder.ts";

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);
const f1 = (x: number) => x.toFixed(1);

for (const root of process.argv.slice(2)) {
  const runs = readdirSync(root)
    .filter((d) => d.startsWith("stakers-"))
    .sort();
  const loyal: number[] = [];
  const chaser: number[] = [];
  const loyalBy = new Map<string, number[]>();
  const unstakes: number[] = [];
  const unbonding: number[] = [];
  const share = new Map<string, number[]>();
  const lowestTake: number[] = [];
  for (const run of runs) {
    const { tables } = await readRunFolder(join(root, run));
    const rows = tables.delegators ?? [];
    const moves = tables.stakeMoves ?? [];
    const last = Math.max(...rows.map((r) => r.epoch));
    const total = new Map<string, number>();
    const strategy = new Map<string, string>();
    for (const r of rows) {
      total.set(r.delegator, (total.get(r.delegator) ?? 0) + r.reward);
      strategy.set(r.delegator, r.strategy);
    }
    const of = (s: string) => [...total].filter(([d]) => strategy.get(d) === s).map(([, t]) => t);
    loyal.push(mean(of("loyal")));
    chaser.push(mean(of("yield-chaser")));
    for (const m of moves.filter((x) => x.epoch === 0 && x.action === "stake")) {
      if (strategy.get(m.actor) === "loyal")
        loyalBy.set(m.to, [...(loyalBy.get(m.to) ?? []), total.get(m.actor) ?? 0]);
    }
    unstakes.push(moves.filter((m) => m.action === "unstake").length);
    const chasers = of("yield-chaser").length;
    unbonding.push(rows.filter((r) => r.strategy === "yield-chaser" && r.validator === "").length / chasers);
    const final = rows.filter((r) => r.epoch === last);
    const all = final.reduce((s, r) => s + r.stake + r.unbonding, 0);
    for (const r of final)
      if (r.validator !== "") share.set(r.validator, [...(share.get(r.validator) ?? []), r.stake / all]);
    const takes = moves.filter(
      (m) => m.action === "setTake" && m.actor === "validator-1" && m.outcome === "success",
    );
    lowestTake.push(Math.min(0.18, ...takes.map((m) => m.take)));
    console.log(
      `${run}: loyal ${f1(loyal.at(-1) ?? 0)} chaser ${f1(chaser.at(-1) ?? 0)} unstakes ${unstakes.at(-1)} validator-1 lowest take ${lowestTake.at(-1)}`,
    );
  }
  const n = runs.length;
  console.log(`${root}: ${n} runs`);
  console.log(
    `  total reward per delegator (tokens): loyal ${f1(mean(loyal))} [${f1(Math.min(...loyal))}, ${f1(Math.max(...loyal))}], ` +
      `yield-chaser ${f1(mean(chaser))} [${f1(Math.min(...chaser))}, ${f1(Math.max(...chaser))}]; chasers below loyal in ${chaser.filter((c, i) => c < loyal[i]).length} of ${n}`,
  );
  console.log(
    `  loyal by genesis validator: ${[...loyalBy]
      .sort()
      .map(([v, xs]) => `${v} ${f1(mean(xs))} (${xs.length})`)
      .join(", ")}`,
  );
  console.log(`  unstakes per run ${f1(mean(unstakes))}; epochs per chaser unbonding ${f1(mean(unbonding))}`);
  console.log(
    `  final share of delegators' tokens staked (sum over runs / runs): ${[...share]
      .sort()
      .map(([v, xs]) => `${v} ${(xs.reduce((s, x) => s + x, 0) / n).toFixed(2)}`)
      .join(", ")}`,
  );
  console.log(`  validator-1 lowest take: ${lowestTake.join(", ")}`);
}
