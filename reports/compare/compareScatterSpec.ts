import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "../charts/chartStyle.ts";
import { tiersByAccuracy } from "../charts/rewardVsAccuracySpec.ts";
import { computeSpearman } from "../metrics/computeSpearman.ts";
import type { ComparedRun } from "./compareRuns.ts";

/** At most this many runs side by side; more would make the panels too narrow to read. */
const MAX_PANELS = 4;

/**
 * Each run's miners, reward against true held-out accuracy, in panels side by side (shared axes, so
 * a shift in pay is visible), with each run's Spearman ρ in its panel title.
 */
export function compareScatterSpec(runs: readonly ComparedRun[]): TopLevelSpec {
  const shown = runs.slice(0, MAX_PANELS);
  const title = (r: ComparedRun) => {
    const miners = r.tables.agents.filter((a) => a.role === "miner" && Number.isFinite(a.trueQuality));
    const rho = computeSpearman(
      miners.map((m) => m.trueQuality),
      miners.map((m) => m.totalReward),
    );
    return `${r.label}: ρ = ${Number.isNaN(rho) ? "n/a" : rho.toFixed(3)}`;
  };
  const panelOf = new Map(shown.map((r) => [r.label, title(r)]));
  const values = shown.flatMap((r) =>
    r.tables.agents
      .filter((a) => a.role === "miner" && Number.isFinite(a.trueQuality))
      .map((a) => ({
        panel: panelOf.get(r.label),
        agent: a.agent,
        tier: a.tier,
        strategy: a.strategy,
        trueQuality: a.trueQuality,
        totalReward: a.totalReward,
      })),
  );
  const subtitle =
    runs.length > shown.length
      ? `First ${shown.length} of ${runs.length} runs; ρ is Spearman's rank correlation`
      : "ρ is Spearman's rank correlation (1 = reward ranks miners exactly by quality)";
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: "Miner reward vs. true model quality", subtitle },
    config: CHART_CONFIG,
    data: { values },
    facet: { column: { field: "panel", type: "nominal", title: null, sort: [...panelOf.values()] } },
    spec: {
      width: Math.round((CHART_WIDTH + 120) / Math.max(shown.length, 1)) - 30,
      height: CHART_HEIGHT,
      mark: { type: "point", filled: true, size: 60, opacity: 0.8 },
      encoding: {
        x: {
          field: "trueQuality",
          type: "quantitative",
          title: "True quality: held-out accuracy or score",
          scale: { zero: false },
          axis: { format: ".0%" },
        },
        y: { field: "totalReward", type: "quantitative", title: "Total reward (tokens)" },
        color: { field: "tier", type: "nominal", title: "Model tier", sort: tiersByAccuracy(values) },
        shape: { field: "strategy", type: "nominal", title: "Strategy" },
        tooltip: [
          { field: "agent", type: "nominal", title: "Agent" },
          { field: "strategy", type: "nominal", title: "Strategy" },
          { field: "trueQuality", type: "quantitative", title: "True quality", format: ".2%" },
          { field: "totalReward", type: "quantitative", title: "Total reward (tokens)", format: ",.4~f" },
        ],
      },
    },
  };
}
