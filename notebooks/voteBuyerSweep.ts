/**
 * The vote buyer's price (issue 23): scenarios/governance/vote-buyer.yaml (validator-0 buys miners'
 * votes for the split 0/0.2/0.8) swept over the quorum (--quorums), the concentration of the 4,000
 * tokens the miners hold beside their funds and rewards (--concentrations: Zipf exponents; the
 * Nakamoto coefficient of the holders' votes at the snapshot is read from the run) and the counting
 * mode (simple, quadratic), on the in-memory protocol (test/voteBuyerScenario.test.ts shows it gives the
 * contracts' tables). Prints, per point, what the bribes needed to pass the change cost (tokens; the
 * plan's total, paid when within the budget), whether it passed, and writes the chart (Vega-Lite spec
 * and PNG) to --chart. With --profit, also the buyer's profit over the full run against the same run
 * with no budget (the change then fails), over the scenario's epochs or --profitEpochs.
 *
 *   npx tsx notebooks/voteBuyerSweep.ts --epochs 9 --seeds 23,24,25 --quorums 0.05,0.1,0.2,0.3,0.35,0.4,0.45 \
 *     --concentrations 0,1,2,3 --profit --chart scenarios/governance/vote-buyer-cost
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
    epochs: { type: "string", default: "9" },
    seeds: { type: "string", default: "23" },
    quorums: { type: "string", default: "0.05,0.1,0.15,0.2,0.25,0.3" },
    concentrations: { type: "string", default: "0,1,2" },
    budget: { type: "string", default: "3000" },
    chart: { type: "string" },
    profit: { type: "boolean", default: false },
    profitEpochs: { type: "string" },
  },
});
const SCENARIO = "scenarios/governance/vote-buyer.yaml";

interface Point {
  quorum: number;
  concentration: number;
  counting: "simple" | "quadratic";
  seed: number;
  nakamoto: number;
  neededTokens: number;
  paidTokens: number;
  holdersBribed: number;
  status: string;
  passed: boolean;
}

async function run(
  seed: number,
  epochs: number,
  governance: Record<string, unknown>,
): Promise<Awaited<ReturnType<typeof simulateRun>>["tables"]> {
  const prepared = await prepareRun({
    scenarioPath: SCENARIO,
    seed,
    epochs,
    overrides: { chain: { backend: "memory" }, governance },
  });
  return (await simulateRun(prepared, { startProtocol: startMemorySession })).tables;
}

const field = (detail: string, key: string) =>
  Number(new RegExp(`${key}=([0-9.e+-]+)`).exec(detail)?.[1] ?? Number.NaN);

async function point(
  quorum: number,
  concentration: number,
  counting: Point["counting"],
  seed: number,
): Promise<Point> {
  const tables = await run(seed, Number(values.epochs), {
    quorum,
    countingMode: counting,
    holdings: { tokens: 4000, concentration, holders: "miners" },
    voteBuyer: {
      agent: "validator-0",
      epoch: 3,
      description: "validators take 80 %",
      changes: { emissionSplit: { owner: 0, miners: 0.2, validators: 0.8 } },
      budget: Number(values.budget),
      margin: 0.05,
    },
  });
  const g = tables.governance ?? [];
  const offer = g.find((r) => r.action === "offer");
  const claims = g.filter((r) => r.action === "claim" && r.status === "success");
  const passed = g.some((r) => r.action === "queue" && r.status === "success");
  const detail = offer?.detail ?? "";
  return {
    quorum,
    concentration,
    counting,
    seed,
    nakamoto: field(detail, "nakamoto"),
    neededTokens: field(detail, "needed"),
    paidTokens: claims.reduce((s, c) => s + Number(c.detail), 0),
    holdersBribed: claims.length,
    status:
      offer === undefined
        ? "no vote"
        : offer.status === "skipped"
          ? (detail.match(/\((.*)\)$/)?.[1] ?? "skipped")
          : offer.status,
    passed,
  };
}

const points: Point[] = [];
console.log(
  "| counting | Zipf s | Nakamoto (votes) | quorum | bribes needed (tokens) | paid | holders bribed | offer | passed | seed |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const counting of ["simple", "quadratic"] as const) {
  for (const concentration of values.concentrations.split(",").map(Number)) {
    for (const quorum of values.quorums.split(",").map(Number)) {
      for (const seed of values.seeds.split(",").map(Number)) {
        const p = await point(quorum, concentration, counting, seed);
        points.push(p);
        console.log(
          `| ${counting} | ${concentration} | ${p.nakamoto} | ${quorum} | ${p.neededTokens.toFixed(1)} | ${p.paidTokens.toFixed(1)} | ${p.holdersBribed} | ${p.status} | ${p.passed ? "yes" : "no"} | ${seed} |`,
        );
      }
    }
  }
}

if (values.chart !== undefined) {
  // Mean over seeds of what passing it costs, where the holders' votes can pass it at all.
  const groups = new Map<string, Point[]>();
  for (const p of points.filter((x) => x.status !== "the holders' votes cannot pass it")) {
    const key = `${p.counting}|${p.concentration}|${p.quorum}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const data = [...groups.values()].map((ps) => {
    const mean = (f: (p: Point) => number) => ps.reduce((s, p) => s + f(p), 0) / ps.length;
    const nakamoto = [...new Set(ps.map((p) => p.nakamoto))].join("/");
    return {
      quorum: ps[0].quorum,
      cost: mean((p) => p.neededTokens),
      distribution: `Zipf s = ${ps[0].concentration}, Nakamoto ${nakamoto}`,
      counting: ps[0].counting,
    };
  });
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: "What a vote buyer pays to pass a harmful split, by quorum, token distribution and counting",
      subtitle: `vote-buyer.yaml, miners 0.5 → 0.2; bribes needed (tokens), mean of seeds ${values.seeds}; a point is missing where the holders' votes cannot pass it`,
    },
    config: { ...CHART_CONFIG, legend: { ...CHART_CONFIG.legend, labelLimit: 400, titleLimit: 400 } },
    data: { values: data },
    facet: { column: { field: "counting", type: "nominal", title: "counting" } },
    spec: {
      width: Math.round(CHART_WIDTH / 2),
      height: CHART_HEIGHT,
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "quorum", type: "quantitative", title: "quorum (share of the total supply)" },
        y: { field: "cost", type: "quantitative", title: "bribes needed to pass (tokens)" },
        color: { field: "distribution", type: "nominal", title: "miners' 4,000 extra tokens" },
      },
    },
  };
  await writeFile(`${values.chart}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
  await writeFile(`${values.chart}.png`, renderPng(await renderSvg(spec)));
  console.log(`wrote ${values.chart}.vl.json and .png`);
}

if (values.profit) {
  // The buyer's profit: its reward over the full scenario, less its bribes, against the same run with
  // no budget (no bribes, the change defeated).
  for (const seed of values.seeds.split(",").map(Number)) {
    const buyerOf = async (budget?: number) => {
      const prepared = await prepareRun({
        scenarioPath: SCENARIO,
        seed,
        ...(values.profitEpochs === undefined ? {} : { epochs: Number(values.profitEpochs) }),
        overrides: { chain: { backend: "memory" } },
      });
      const g = prepared.scenario.governance!;
      const governance = { ...g, voteBuyer: { ...g.voteBuyer!, budget: budget ?? g.voteBuyer!.budget } };
      const tables = (
        await simulateRun(
          { ...prepared, scenario: { ...prepared.scenario, governance } },
          { startProtocol: startMemorySession },
        )
      ).tables;
      const a = tables.agents.find((x) => x.agent === "validator-0")!;
      const minerRewards = tables.agents
        .filter((x) => x.role === "miner")
        .reduce((s, x) => s + x.totalReward, 0);
      return { reward: a.totalReward, cost: a.cost, profit: a.totalReward - a.cost, minerRewards };
    };
    const bought = await buyerOf();
    const none = await buyerOf(0);
    console.log(
      `seed ${seed}: buyer reward ${bought.reward.toFixed(1)} (without bribes ${none.reward.toFixed(1)}), bribes+costs ${bought.cost.toFixed(1)} (${none.cost.toFixed(1)}), profit ${bought.profit.toFixed(1)} vs ${none.profit.toFixed(1)}: the attack gains ${(bought.profit - none.profit).toFixed(1)}; miners' rewards ${bought.minerRewards.toFixed(1)} vs ${none.minerRewards.toFixed(1)}`,
    );
  }
}
