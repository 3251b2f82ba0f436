/**
 * The metrics an invariant may read. Per run: the report's headline metrics (reports/computeHeadline.ts)
 * apart from the wall-clock rates, which differ between identical runs. Per epoch: the epochs table's
 * columns and the per-epoch concentration, adversary share and quality–reward rank correlation
 * (sim/check/invariantMetrics.ts computes both; a test keeps the lists equal).
 */
export const RUN_METRICS = [
  "epochs",
  "miners",
  "validators",
  "totalEmission",
  "giniMinerRewards",
  "spearmanAccuracyReward",
  "nakamotoRewards",
  "nakamotoStake",
  "theilMinerRewards",
  "giniHonestMinerRewards",
  "theilHonestMinerRewards",
  "giniValidatorRewards",
  "bestWorstMinerRewardRatio",
  "rewardPerQuality",
  "rewardPerQualitySpread",
  "adversaryRewardShare",
  "adversaryProfit",
  "adversaryMinerRewardShare",
  "adversaryWorkShare",
  "adversaryStakeShare",
  "gasPerEpoch",
  "revertedShare",
  "finalSupply",
  "stakingRatio",
  "validatorYieldPerEpoch",
  "minerRewardPerInference",
] as const;

/** Wall-clock headline metrics: never in an invariant (they differ between identical runs). */
export const WALL_CLOCK_METRICS = ["inferencesPerSecond", "transactionsPerSecond", "wallMsPerEpoch"] as const;

export const EPOCH_METRICS = [
  "emission",
  "supply",
  "inferences",
  "transactions",
  "reverted",
  "gasUsed",
  "reveals",
  "feesEscrowed",
  "feesReleased",
  "feesRefunded",
  "slashed",
  "giniMinerRewards",
  "giniStake",
  "nakamotoRewards",
  "nakamotoStake",
  "adversaryRewardShare",
  "spearmanQualityReward",
] as const;

export type RunMetric = (typeof RUN_METRICS)[number];
export type EpochMetric = (typeof EPOCH_METRICS)[number];
/** A metric's value; null where it is undefined for the run (no adversaries, nothing paid...). */
export type MetricValues = Readonly<Record<string, number | null>>;
