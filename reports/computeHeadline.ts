import type { RunTables } from "../sim/run/runTables.ts";
import { formatMetric, type MetricUnit } from "./headline/formatMetric.ts";
import {
  HEADLINE_DEFINITIONS,
  type HeadlineDefinition,
  type HeadlineGroup,
  type HeadlineKey,
} from "./headline/headlineDefinitions.ts";
import { computeAdversaryShare } from "./metrics/computeAdversaryShare.ts";
import { computeEconomics } from "./metrics/computeEconomics.ts";
import { computeFairness } from "./metrics/computeFairness.ts";
import { computeRewardPerQuality } from "./metrics/computeRewardPerQuality.ts";
import { computeSpearman } from "./metrics/computeSpearman.ts";
import { computeThroughput, type ThroughputOptions } from "./metrics/computeThroughput.ts";

export type { HeadlineGroup, HeadlineKey };

export interface HeadlineMetric {
  key: HeadlineKey;
  /** Where the page shows it: run size, fairness, resilience, throughput, economics. */
  group: HeadlineGroup;
  label: string;
  unit: MetricUnit;
  better: HeadlineDefinition["better"];
  /** Shown as a card at the top of the report (the rest in the full table). */
  primary: boolean;
  /** null when undefined for this run (no miners, no timings...); Infinity when the worst miner earned 0. */
  value: number | null;
  /** The value formatted for people. */
  text: string;
  /** A short line that puts the value in context (shown under it), e.g. the adversaries' work share. */
  context?: string;
  /** One line: what good looks like. */
  hint: string;
}

export type HeadlineOptions = ThroughputOptions;

/** The value of every headline metric for a run. Pure. */
export function computeHeadlineValues(
  tables: RunTables,
  options: HeadlineOptions = {},
): Record<HeadlineKey, number | null> {
  const miners = tables.agents.filter((a) => a.role === "miner");
  const minerRewards = miners.map((m) => m.totalReward);
  const rho = computeSpearman(
    miners.map((m) => m.trueQuality),
    minerRewards,
  );
  let ratio: number | null = null;
  if (miners.length > 0) {
    const best = Math.max(...minerRewards);
    const worst = Math.min(...minerRewards);
    ratio = worst > 0 ? best / worst : best > 0 ? Number.POSITIVE_INFINITY : null;
  }
  const fairness = computeFairness(tables);
  const perQuality = computeRewardPerQuality(miners);
  const adversary = computeAdversaryShare(tables);
  const throughput = computeThroughput(tables, options);
  const economics = computeEconomics(tables);
  return {
    epochs: tables.epochs.length,
    miners: miners.length,
    validators: tables.agents.filter((a) => a.role === "validator").length,
    totalEmission: economics.totalEmission,
    giniMinerRewards: fairness.rewards.allMiners.gini,
    spearmanAccuracyReward: Number.isNaN(rho) ? null : rho,
    nakamotoRewards: fairness.rewards.allAgents.nakamoto,
    nakamotoStake: fairness.stake.nakamoto,
    theilMinerRewards: fairness.rewards.allMiners.theil,
    giniHonestMinerRewards: fairness.rewards.honestMiners.gini,
    theilHonestMinerRewards: fairness.rewards.honestMiners.theil,
    giniValidatorRewards: fairness.rewards.validators.gini,
    bestWorstMinerRewardRatio: ratio,
    rewardPerQuality: perQuality.overall,
    rewardPerQualitySpread: perQuality.spread,
    adversaryRewardShare: adversary.rewardShare,
    adversaryProfit: adversary.adversaries === 0 ? null : adversary.profit,
    adversaryMinerRewardShare: adversary.minerRewardShare,
    adversaryWorkShare: adversary.workShare,
    adversaryStakeShare: adversary.stakeShare,
    inferencesPerSecond: throughput.inferencesPerSecond,
    transactionsPerSecond: throughput.transactionsPerSecond,
    gasPerEpoch: throughput.gasPerEpoch,
    wallMsPerEpoch: throughput.wallMsPerEpoch,
    revertedShare: throughput.revertedShare,
    finalSupply: economics.finalSupply,
    stakingRatio: economics.stakingRatio,
    validatorYieldPerEpoch: economics.validatorYieldPerEpoch,
    minerRewardPerInference: economics.minerRewardPerInference,
  };
}

/**
 * The run's headline numbers, in report order, each with its hint on what good looks like. Pure.
 * Gini/Theil use the population formulas over miners' total rewards; Spearman pairs each miner's
 * true held-out accuracy with its total reward; the rates are per second of `wallTimeMs` when given,
 * else of the epoch loop (sum of the phase timings).
 */
export function computeHeadline(tables: RunTables, options: HeadlineOptions = {}): HeadlineMetric[] {
  const values = computeHeadlineValues(tables, options);
  const basis = options.wallTimeMs === undefined ? "epoch-loop time" : "total wall time";
  const adversaries = tables.agents.filter((a) => a.strategy !== "honest").length;
  return HEADLINE_DEFINITIONS.map((d): HeadlineMetric => {
    const value = values[d.key];
    let text = formatMetric(value, d.unit);
    let hint: string = d.hint;
    let context: string | undefined;
    if (d.key === "bestWorstMinerRewardRatio" && value === Number.POSITIVE_INFINITY)
      text = "∞ (a miner earned 0)";
    if (d.key === "adversaryRewardShare") {
      if (adversaries === 0) {
        text = "none";
        context = "no adversaries in this run: every agent is honest";
      } else {
        const work = formatMetric(values.adversaryWorkShare, "percent");
        const stake = formatMetric(values.adversaryStakeShare, "percent");
        context = `with ${work} of the work and ${stake} of the stake (${adversaries} adversarial agent${adversaries === 1 ? "" : "s"})`;
      }
    }
    if (d.key === "inferencesPerSecond" || d.key === "transactionsPerSecond")
      hint = `Per second of ${basis}. ${hint}`;
    return context === undefined ? { ...d, value, text, hint } : { ...d, value, text, hint, context };
  });
}

/** The headline as a plain object for summary.json (Infinity and undefined become null). */
export function headlineSummary(headline: readonly HeadlineMetric[]): Record<HeadlineKey, number | null> {
  return Object.fromEntries(
    headline.map((m) => [m.key, m.value !== null && Number.isFinite(m.value) ? m.value : null]),
  ) as Record<HeadlineKey, number | null>;
}
