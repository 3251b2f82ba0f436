import type { TopLevelSpec } from "vega-lite";
import type { ChoiceRow } from "../../sim/run/runTables.ts";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./chartStyle.ts";

/** What each adaptive agent chose per epoch (a point per agent and epoch, coloured by choice). Pure. */
export function adaptiveChoiceSpec(choices: readonly ChoiceRow[]): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: "Adaptive attackers' choice per epoch",
      subtitle: "EXP3 bandit over strategies, by observed payoff",
    },
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: choices.map((c) => ({ epoch: c.epoch, agent: c.agent, choice: c.choice })) },
    mark: { type: "tick", thickness: 3 },
    encoding: {
      x: { field: "epoch", type: "quantitative", title: "epoch" },
      y: { field: "choice", type: "nominal", title: "strategy chosen" },
      color: { field: "agent", type: "nominal", title: "agent" },
    },
  };
}
