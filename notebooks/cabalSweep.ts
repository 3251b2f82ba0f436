/**
 * The cabal threshold (issue 27): a cabal of two validators that weight only their operator's miners
 * (push 1) against three honest validators of 1000 stake each, its stake share swept over --shares,
 * its miners 30 % or 10 % of ten equal (average-tier) miners (so its utility share in honest eyes is
 * 30 % or 10 %), under Yuma 3 and classic Yuma, on the in-memory protocol. Prints, per point, the
 * cabal miners' share of the miners' incentive over the second half of the run (mean over seeds),
 * and writes the chart (Vega-Lite spec and PNG) to --chart.
 *
 *   npx tsx notebooks/cabalSweep.ts --epochs 10 --seeds 1,2 --chart scenarios/attacks/cabal-threshold
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "../reports/charts/chartStyle.ts";
import { renderPng } from "../reports/renderPng.ts";
import { renderSvg } from "../reports/renderSvg.ts";
import { simulateRun } from "../sim/engine/simulateRun.ts";
import { prepareRun } from "../sim/prepareRun.ts";
import { startMemorySession } from "../sim/protocol/memory/startMemorySession.ts";

const { values } = parseArgs({
  options: {
    epochs: { type: "string", default: "10" },
    seeds: { type: "string", default: "1,2" },
    shares: { type: "string", default: "0.1,0.2,0.3,0.4,0.45,0.5,0.55,0.6" },
    chart: { type: "string" },
  },
});
const epochs = Number(values.epochs);
const MINERS = 10;
const HONEST_STAKE = 3000;

async function cabalIncentive(share: number, cabalMiners: number, yuma3: boolean, seed: number) {
  const stake = (share * HONEST_STAKE) / (2 * (1 - share)); // each of the two cabal validators
  const prepared = await prepareRun({
    scenarioPath: "scenarios/attacks/cabal.yaml",
    seed,
    epochs,
    overrides: {
      chain: { backend: "memory" },
      mechanism: { name: "yuma", params: { yuma3 } },
      population: {
        miners: [
          { tier: "average", count: MINERS - cabalMiners },
          { tier: "average", count: cabalMiners, operator: "cabal" },
        ],
        validators: [
          { count: 3, stake: HONEST_STAKE / 3 },
          { count: 2, stake, operator: "cabal", strategy: { name: "cabal", params: { push: 1 } } },
        ],
      },
    },
  });
  const cabal = new Set(prepared.population.miners.filter((m) => m.operator === "cabal").map((m) => m.agent));
  const { tables } = await simulateRun(prepared, { startProtocol: startMemorySession });
  const late = tables.agentEpochs.filter((r) => r.role === "miner" && r.epoch >= epochs / 2);
  const total = late.reduce((s, r) => s + r.incentive, 0);
  return late.filter((r) => cabal.has(r.agent)).reduce((s, r) => s + r.incentive, 0) / total;
}

const points: { stakeShare: number; utility: string; mechanism: string; incentive: number }[] = [];
console.log(
  "| cabal stake share | utility share | mechanism | cabal miners' incentive share (mean of seeds) | per seed |",
);
console.log("| --- | --- | --- | --- | --- |");
for (const utility of [3, 1]) {
  for (const yuma3 of [true, false]) {
    for (const share of values.shares.split(",").map(Number)) {
      const perSeed: number[] = [];
      for (const seed of values.seeds.split(",").map(Number))
        perSeed.push(await cabalIncentive(share, utility, yuma3, seed));
      const mean = perSeed.reduce((s, x) => s + x, 0) / perSeed.length;
      const mechanism = yuma3 ? "Yuma 3" : "classic Yuma";
      points.push({ stakeShare: share, utility: `${utility * 10} % utility`, mechanism, incentive: mean });
      console.log(
        `| ${share} | ${utility * 10} % | ${mechanism} | ${mean.toFixed(3)} | ${perSeed.map((x) => x.toFixed(3)).join(", ")} |`,
      );
    }
  }
}

if (values.chart !== undefined) {
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: "Cabal miners' incentive share against the cabal's stake share",
      subtitle: `10 equal miners, cabal push 1, κ = 0.5; ${epochs} epochs, second half, mean of seeds ${values.seeds}`,
    },
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: points },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "stakeShare", type: "quantitative", title: "cabal stake share" },
      y: {
        field: "incentive",
        type: "quantitative",
        title: "cabal miners' incentive share",
        scale: { domain: [0, 1] },
      },
      color: { field: "utility", type: "nominal", title: "cabal utility share" },
      strokeDash: { field: "mechanism", type: "nominal", title: "mechanism" },
    },
  };
  await writeFile(`${values.chart}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
  await writeFile(`${values.chart}.png`, renderPng(await renderSvg(spec)));
  console.log(`wrote ${values.chart}.vl.json and .png`);
}
