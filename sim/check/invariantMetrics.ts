import { computeHeadlineValues } from "../../reports/computeHeadline.ts";
import { computeAdversaryShare } from "../../reports/metrics/computeAdversaryShare.ts";
import { computeConcentrationByEpoch } from "../../reports/metrics/computeConcentrationByEpoch.ts";
import { computeSpearman } from "../../reports/metrics/computeSpearman.ts";
import { groupByEpoch } from "../../reports/metrics/groupByEpoch.ts";
import type { RunMetrics } from "../invariants/evaluateInvariant.ts";
import { EPOCH_METRICS, type MetricValues, RUN_METRICS } from "../invariants/metricCatalogue.ts";
import type { RunTables } from "../run/runTables.ts";

/** The values every invariant kind reads, from one run's tables. Pure. */
export function invariantMetrics(seed: number, tables: RunTables): RunMetrics {
  const headline = computeHeadlineValues(tables) as Record<string, number | null>;
  const run = Object.fromEntries(RUN_METRICS.map((k) => [k, defined(headline[k])]));
  const concentration = new Map(computeConcentrationByEpoch(tables).map((c) => [c.epoch, c]));
  const adversary = new Map(computeAdversaryShare(tables).perEpoch.map((a) => [a.epoch, a]));
  const quality = new Map(
    tables.agents.filter((a) => a.role === "miner").map((a) => [a.agent, a.trueQuality]),
  );
  const rankByEpoch = new Map(
    groupByEpoch(tables.agentEpochs).map(([epoch, rows]) => {
      const miners = rows.filter(
        (r) => r.role === "miner" && Number.isFinite(quality.get(r.agent) ?? Number.NaN),
      );
      const rho = computeSpearman(
        miners.map((m) => quality.get(m.agent) ?? Number.NaN),
        miners.map((m) => m.reward),
      );
      return [epoch, Number.isNaN(rho) ? null : rho];
    }),
  );
  const epochs = tables.epochs.map((row): MetricValues => {
    const c = concentration.get(row.epoch);
    const values: Record<string, number | null> = {
      emission: row.emission,
      supply: row.supply,
      inferences: row.inferences,
      transactions: row.transactions,
      reverted: row.reverted,
      gasUsed: row.gasUsed,
      reveals: row.reveals,
      feesEscrowed: row.feesEscrowed,
      feesReleased: row.feesReleased,
      feesRefunded: row.feesRefunded,
      slashed: row.slashed,
      giniMinerRewards: c?.giniMinerRewards ?? null,
      giniStake: c?.giniStake ?? null,
      nakamotoRewards: c?.nakamotoRewards ?? null,
      nakamotoStake: c?.nakamotoStake ?? null,
      adversaryRewardShare: adversary.get(row.epoch)?.rewardShare ?? null,
      spearmanQualityReward: rankByEpoch.get(row.epoch) ?? null,
    };
    return Object.fromEntries(EPOCH_METRICS.map((k) => [k, defined(values[k])]));
  });
  return { seed, run, epochs };
}

/** A metric's value, or null where it is undefined: NaN (e.g. gas on the memory protocol, which
 * meters none) is undefined, so an invariant on it skips instead of failing on a comparison with NaN. */
function defined(v: number | null | undefined): number | null {
  return typeof v === "number" && !Number.isNaN(v) ? v : null;
}
