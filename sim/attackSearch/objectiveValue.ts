import { evaluateExpr } from "../invariants/evaluateExpr.ts";
import type { Invariant } from "../invariants/invariantAst.ts";
import type { MetricValues } from "../invariants/metricCatalogue.ts";
import type { AgentRow, OperatorRow } from "../run/runTables.ts";
import type { SearchObjective } from "./searchSchema.ts";

/** What the objective reads of one finished run. */
export interface RunOutcome {
  agents: readonly AgentRow[];
  operators?: readonly OperatorRow[];
  /** summary.json: the headline metrics. */
  summary: Record<string, number | null>;
}

/** Whether the objective compares each run with the same candidate's honest twin. */
export function needsTwin(objective: SearchObjective): boolean {
  return objective.kind === "gain" || objective.kind === "honestLoss";
}

/** The attacker's profit after costs: its operator's line of operators.csv (0 when it has no agent). */
export function operatorProfit(run: RunOutcome, attacker: string): number {
  return run.operators?.find((o) => o.operator === attacker)?.profit ?? 0;
}

/** Reward of the miners that are neither the attacker's nor adversarial in the attack run. */
function honestMinerReward(
  run: RunOutcome,
  attackerAgents: ReadonlySet<string>,
  honest: ReadonlySet<string>,
) {
  return run.agents
    .filter((a) => a.role === "miner" && honest.has(a.agent) && !attackerAgents.has(a.agent))
    .reduce((s, a) => s + a.totalReward, 0);
}

/**
 * A per-run invariant's violation margin: how far its left side is past its right (> 0: violated,
 * ≤ 0: holds, by that much). NaN when a metric it reads is undefined for the run.
 */
export function violationMargin(invariant: Invariant, values: MetricValues): number {
  const l = evaluateExpr(invariant.left, values);
  const r = evaluateExpr(invariant.right, values);
  if (l === null || r === null) return Number.NaN;
  switch (invariant.op) {
    case "<":
    case "<=":
      return l - r;
    case ">":
    case ">=":
      return r - l;
    case "==":
      return Math.abs(l - r);
    case "!=":
      return -Math.abs(l - r);
  }
}

/**
 * The objective's value for one run (one candidate on one seed), larger is better for the
 * attacker; NaN where it is undefined (a metric without a value). `twin` is the same candidate's
 * honest twin on the same seed, for gain and honestLoss; `invariant` the parsed line, for invariant.
 */
export function objectiveValue(
  objective: SearchObjective,
  context: { attacker: string; attackerAgents: ReadonlySet<string>; invariant?: Invariant },
  run: RunOutcome,
  twin?: RunOutcome,
): number {
  switch (objective.kind) {
    case "profit":
      return operatorProfit(run, context.attacker);
    case "gain":
      return operatorProfit(run, context.attacker) - operatorProfit(twin as RunOutcome, context.attacker);
    case "honestLoss": {
      const honest = new Set(run.agents.filter((a) => a.strategy === "honest").map((a) => a.agent));
      const before = honestMinerReward(twin as RunOutcome, context.attackerAgents, honest);
      const after = honestMinerReward(run, context.attackerAgents, honest);
      return before > 0 ? (100 * (before - after)) / before : Number.NaN;
    }
    case "metric": {
      const v = run.summary[objective.metric];
      if (typeof v !== "number" || Number.isNaN(v)) return Number.NaN;
      return objective.goal === "max" ? v : -v;
    }
    case "invariant":
      return violationMargin(context.invariant as Invariant, run.summary as MetricValues);
  }
}
