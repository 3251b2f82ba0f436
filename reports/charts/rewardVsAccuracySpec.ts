import type { TopLevelSpec } from "vega-lite";
import type { RunTables } from "../../sim/run/runTables.ts";
import { computeSpearman } from "../metrics/computeSpearman.ts";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./chartStyle.ts";

/** Model tiers ordered by their miners' mean true accuracy, so the legend reads worst to best. */
export function tiersByAccuracy(miners: readonly { tier: string; trueQuality: number }[]): string[] {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const m of miners) {
    const s = sums.get(m.tier) ?? { sum: 0, n: 0 };
    s.sum += m.trueQuality;
    s.n += 1;
    sums.set(m.tier, s);
  }
  return [...sums.entries()]
    .sort((a, b) => a[1].sum / a[1].n - b[1].sum / b[1].n || a[0].localeCompare(b[0]))
    .map(([tier]) => tier);
}

/**
 * Scatter of each miner's total reward against its true held-out accuracy, coloured by model tier,
 * shaped by strategy; the subtitle gives Spearman's ρ between the two (1 = reward ranks miners
 * exactly by quality).
 */
export function rewardVsAccuracySpec(tables: RunTables): TopLevelSpec {
  const miners = tables.agents.filter((a) => a.role === "miner" && Number.isFinite(a.trueQuality));
  const rho = computeSpearman(
    miners.map((m) => m.trueQuality),
    miners.map((m) => m.totalReward),
  );
  const rhoText = Number.isNaN(rho) ? "undefined (needs 2+ miners with differing values)" : rho.toFixed(3);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: "Miner reward vs. true model quality",
      subtitle: `Spearman ρ = ${rhoText} over ${miners.length.toLocaleString("en-US")} miners (1 = reward ranks miners exactly by quality)`,
    },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    data: {
      values: miners.map((m) => ({
        agent: m.agent,
        tier: m.tier,
        strategy: m.strategy,
        trueQuality: m.trueQuality,
        totalReward: m.totalReward,
      })),
    },
    // Smaller, lighter points when there are many, so dense clusters stay readable.
    mark: {
      type: "point",
      filled: true,
      size: miners.length > 200 ? 30 : 80,
      opacity: miners.length > 200 ? 0.6 : 0.8,
    },
    encoding: {
      x: {
        field: "trueQuality",
        type: "quantitative",
        title: "True quality: held-out accuracy or score (%)",
        scale: { zero: false, nice: true },
        axis: { format: ".0%" },
      },
      y: { field: "totalReward", type: "quantitative", title: "Total reward (tokens)" },
      color: { field: "tier", type: "nominal", title: "Model tier", sort: tiersByAccuracy(miners) },
      shape: { field: "strategy", type: "nominal", title: "Strategy" },
      tooltip: [
        { field: "agent", type: "nominal", title: "Agent" },
        { field: "tier", type: "nominal", title: "Tier" },
        { field: "strategy", type: "nominal", title: "Strategy" },
        { field: "trueQuality", type: "quantitative", title: "True quality", format: ".2%" },
        { field: "totalReward", type: "quantitative", title: "Total reward (tokens)", format: ",.4~f" },
      ],
    },
  };
}
