import type { RunTables } from "../../sim/run/runTables.ts";
import { agentGroups } from "./agentGroups.ts";
import { groupByEpoch } from "./groupByEpoch.ts";

export interface HonestLossOptions {
  /** Rewards count as recovered once within this relative distance of the baseline (default 0.05). */
  tolerance?: number;
}

export interface HonestLossEpoch {
  epoch: number;
  /** The matched honest miners' reward this epoch, in the run and in the baseline. */
  run: number;
  baseline: number;
  /** (baseline − run) ÷ baseline; null when the baseline paid them nothing. */
  loss: number | null;
}

export interface HonestLoss {
  /** Honest miners of the run that the baseline has too (matched by agent name). */
  matchedMiners: number;
  runReward: number;
  baselineReward: number;
  /** (baseline − run) ÷ baseline over the run; positive = honest miners earned less. */
  loss: number | null;
  perEpoch: HonestLossEpoch[];
  tolerance: number;
  /** First epoch from which every later epoch's |loss| ≤ tolerance; null if it never settles. */
  recoveredAtEpoch: number | null;
  /** Epochs before that (0 = within tolerance from the start); null if it never settles. */
  epochsToRecover: number | null;
}

/**
 * Honest miners' loss against a baseline run (typically the honest-only run of the same seed): the
 * miners that are honest in `run` are matched by name with the baseline's miners and their rewards
 * compared in total and per epoch (epochs both runs have). Pure.
 */
export function computeHonestLoss(
  run: RunTables,
  baseline: RunTables,
  options: HonestLossOptions = {},
): HonestLoss {
  const tolerance = options.tolerance ?? 0.05;
  const baselineMiners = new Set(agentGroups(baseline.agents).miners.map((a) => a.agent));
  const matched = new Set(
    agentGroups(run.agents)
      .honestMiners.map((a) => a.agent)
      .filter((name) => baselineMiners.has(name)),
  );
  const rel = (r: number, b: number) => (b > 0 ? (b - r) / b : null);
  const perEpochReward = (tables: RunTables) =>
    new Map(
      groupByEpoch(tables.agentEpochs).map(([epoch, rows]) => [
        epoch,
        rows.filter((r) => matched.has(r.agent)).reduce((s, r) => s + r.reward, 0),
      ]),
    );
  const runByEpoch = perEpochReward(run);
  const baseByEpoch = perEpochReward(baseline);
  const perEpoch = [...runByEpoch.keys()]
    .filter((e) => baseByEpoch.has(e))
    .map((epoch) => {
      const r = runByEpoch.get(epoch) ?? 0;
      const b = baseByEpoch.get(epoch) ?? 0;
      return { epoch, run: r, baseline: b, loss: rel(r, b) };
    });
  let settled = perEpoch.length;
  while (settled > 0) {
    const loss = perEpoch[settled - 1].loss;
    if (loss === null || Math.abs(loss) > tolerance) break;
    settled--;
  }
  const recovered = settled < perEpoch.length;
  const total = (tables: RunTables) =>
    tables.agents
      .filter((a) => matched.has(a.agent) && a.role === "miner")
      .reduce((s, a) => s + a.totalReward, 0);
  const runReward = total(run);
  const baselineReward = total(baseline);
  return {
    matchedMiners: matched.size,
    runReward,
    baselineReward,
    loss: rel(runReward, baselineReward),
    perEpoch,
    tolerance,
    recoveredAtEpoch: recovered ? perEpoch[settled].epoch : null,
    epochsToRecover: recovered ? settled : null,
  };
}
