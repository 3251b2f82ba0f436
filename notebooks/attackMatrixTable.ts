/**
 * Summarises the JSON lines of notebooks/attackMatrix.ts as markdown tables: per attack and
 * mechanism, the attacker's reward share (against its stake and work share), its reward share in
 * the honest twin, its profit after costs, its gain over the twin, and honest miners' loss against
 * the twin (% of their twin reward); means over seeds with percentile-bootstrap 95 % intervals
 * (2000 resamples, seeded). Paired per seed: gain and loss are differences within a seed.
 *
 *   npx tsx notebooks/attackMatrixTable.ts matrix.jsonl [more.jsonl ...]
 */
import { readFileSync } from "node:fs";
import { bootstrapMeanCi } from "../reports/metrics/bootstrapMeanCi.ts";
import { createRng } from "../sim/rng/createRng.ts";

interface Row {
  attack: string;
  mechanism: string;
  seed: number;
  epochs: number;
  rewardShare: number;
  twinRewardShare: number;
  stakeShare: number;
  workShare: number;
  profit: number;
  twinProfit: number;
  honestMinerReward: number;
  twinHonestMinerReward: number;
  laterChoices: Record<string, number>;
}

const rows: Row[] = process.argv
  .slice(2)
  .flatMap((f) => readFileSync(f, "utf8").trim().split("\n"))
  .map((l) => JSON.parse(l));
const rng = createRng(27);
const ci = (xs: number[], digits: number, scale = 1) => {
  const i = bootstrapMeanCi(
    xs.map((x) => x * scale),
    rng,
  );
  return `${i.estimate.toFixed(digits)} [${i.low.toFixed(digits)}, ${i.high.toFixed(digits)}]`;
};
const attacks = [...new Set(rows.map((r) => r.attack))];
const mechanisms = ["yuma3", "classic", "no-bonds", "swm", "allora"].filter((m) =>
  rows.some((r) => r.mechanism === m),
);

console.log(
  "| attack | mechanism | seeds | stake share | work share | reward share | twin's reward share | profit | gain over twin | honest miners' loss % |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const attack of attacks) {
  for (const mechanism of mechanisms) {
    const cell = rows.filter((r) => r.attack === attack && r.mechanism === mechanism);
    if (cell.length === 0) continue;
    const first = cell[0];
    console.log(
      `| ${attack} | ${mechanism} | ${cell.length} | ${first.stakeShare.toFixed(2)} | ${first.workShare.toFixed(2)} | ` +
        `${ci(
          cell.map((r) => r.rewardShare),
          3,
        )} | ${ci(
          cell.map((r) => r.twinRewardShare),
          3,
        )} | ${ci(
          cell.map((r) => r.profit),
          0,
        )} | ${ci(
          cell.map((r) => r.profit - r.twinProfit),
          0,
        )} | ${ci(
          cell.map((r) => (r.twinHonestMinerReward - r.honestMinerReward) / r.twinHonestMinerReward),
          1,
          100,
        )} |`,
    );
  }
}
const adaptive = rows.filter((r) => Object.keys(r.laterChoices ?? {}).length > 0);
if (adaptive.length > 0) {
  console.log("\n| mechanism | choices in the second half of the run (all seeds, both adaptive miners) |");
  console.log("| --- | --- |");
  for (const mechanism of mechanisms) {
    const total: Record<string, number> = {};
    for (const r of adaptive.filter((x) => x.mechanism === mechanism)) {
      for (const [c, n] of Object.entries(r.laterChoices)) total[c] = (total[c] ?? 0) + n;
    }
    const all = Object.values(total).reduce((s, n) => s + n, 0);
    const parts = Object.entries(total)
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => `${c} ${((100 * n) / all).toFixed(0)} %`);
    console.log(`| ${mechanism} | ${parts.join(", ")} |`);
  }
}
