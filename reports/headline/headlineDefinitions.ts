import type { MetricUnit } from "./formatMetric.ts";

export type HeadlineGroup = "run" | "fairness" | "resilience" | "throughput" | "economics";

export const HEADLINE_GROUP_TITLES: Record<HeadlineGroup, string> = {
  run: "Run",
  fairness: "Fairness",
  resilience: "Attack resilience",
  throughput: "Throughput",
  economics: "Economics",
};

export interface HeadlineDefinition {
  key: string;
  group: HeadlineGroup;
  label: string;
  unit: MetricUnit;
  /** Which way is better, for colouring differences between runs. Inequality (Gini, Theil) is
   * "neither": it falls when attackers are paid like experts, and good pay is only as unequal as quality. */
  better: "higher" | "lower" | "neither";
  /** Shown as a card at the top of the report; the rest sit in the full metrics table. */
  primary: boolean;
  /** One line: what good looks like. */
  hint: string;
}

/** Every headline metric of a run, in report order. Values come from computeHeadline. */
export const HEADLINE_DEFINITIONS = [
  {
    key: "epochs",
    group: "run",
    label: "Epochs",
    unit: "count",
    better: "neither",
    primary: true,
    hint: "Enough for rewards to settle: bonds are a moving average, early epochs are warm-up.",
  },
  {
    key: "miners",
    group: "run",
    label: "Miners",
    unit: "count",
    better: "neither",
    primary: true,
    hint: "As many as the scenario asked for; fewer means registrations failed or were pruned.",
  },
  {
    key: "validators",
    group: "run",
    label: "Validators",
    unit: "count",
    better: "neither",
    primary: true,
    hint: "As many as the scenario asked for; each should reveal weights every epoch.",
  },
  {
    key: "totalEmission",
    group: "run",
    label: "Total emission (tokens)",
    unit: "tokens",
    better: "neither",
    primary: true,
    hint: "Emission per epoch × epochs, exactly; anything else means tokens leaked or were minted twice.",
  },

  {
    key: "giniMinerRewards",
    group: "fairness",
    label: "Gini of miner rewards",
    unit: "coefficient",
    better: "neither",
    primary: true,
    hint: "0 = equal pay, 1 = one miner takes all; good is only as unequal as the miners' quality.",
  },
  {
    key: "spearmanAccuracyReward",
    group: "fairness",
    label: "Spearman(true quality, reward)",
    unit: "coefficient",
    better: "higher",
    primary: true,
    hint: "Near 1: reward follows true model quality. Near 0 or below: it pays for something else.",
  },
  {
    key: "nakamotoRewards",
    group: "fairness",
    label: "Nakamoto coefficient of rewards",
    unit: "count",
    better: "higher",
    primary: true,
    hint: "Fewest agents taking over half of all rewards; higher is more decentralised, 1 = one agent does.",
  },
  {
    key: "nakamotoStake",
    group: "fairness",
    label: "Nakamoto coefficient of stake",
    unit: "count",
    better: "higher",
    primary: true,
    hint: "Fewest agents holding over half the stake; 1 = one validator can outvote all the others.",
  },
  {
    key: "theilMinerRewards",
    group: "fairness",
    label: "Theil of miner rewards",
    unit: "coefficient",
    better: "neither",
    primary: false,
    hint: "0 = equal pay, ln(miners) = one takes all; weighs the top earners more than Gini does.",
  },
  {
    key: "giniHonestMinerRewards",
    group: "fairness",
    label: "Gini of honest miners' rewards",
    unit: "coefficient",
    better: "neither",
    primary: false,
    hint: "Gini over miners with the honest strategy only: how fairly the mechanism pays honest work.",
  },
  {
    key: "theilHonestMinerRewards",
    group: "fairness",
    label: "Theil of honest miners' rewards",
    unit: "coefficient",
    better: "neither",
    primary: false,
    hint: "Theil over honest miners only.",
  },
  {
    key: "giniValidatorRewards",
    group: "fairness",
    label: "Gini of validator rewards",
    unit: "coefficient",
    better: "neither",
    primary: false,
    hint: "Validators are paid by stake, so this should mirror the Gini of their stake, not exceed it.",
  },
  {
    key: "bestWorstMinerRewardRatio",
    group: "fairness",
    label: "Best ÷ worst miner reward",
    unit: "ratio",
    better: "neither",
    primary: false,
    hint: "Large is fine when quality differs that much; ∞ means some miner was paid nothing.",
  },
  {
    key: "rewardPerQuality",
    group: "fairness",
    label: "Miner reward per unit of true quality",
    unit: "tokens",
    better: "neither",
    primary: false,
    hint: "Σ reward ÷ Σ true quality (accuracy or score, 1.0 = 100 %): tokens a miner earns per unit of model quality.",
  },
  {
    key: "rewardPerQualitySpread",
    group: "fairness",
    label: "Spread of reward per unit of quality",
    unit: "coefficient",
    better: "lower",
    primary: false,
    hint: "Coefficient of variation of each miner's reward ÷ true quality; 0 = paid exactly in proportion to quality.",
  },

  {
    key: "adversaryRewardShare",
    group: "resilience",
    label: "Adversaries' share of rewards",
    unit: "percent",
    better: "lower",
    primary: true,
    hint: "Good: no more than their share of the work (miners) or stake (validators); above it, the attack pays.",
  },
  {
    key: "adversaryProfit",
    group: "resilience",
    label: "Adversaries' profit after costs (tokens)",
    unit: "tokens",
    better: "lower",
    primary: true,
    hint: "Their rewards and task fees minus their registration burn, their compute and stake costs (scenario costs) and the stake slashed from them; above 0, the attack pays.",
  },
  {
    key: "adversaryMinerRewardShare",
    group: "resilience",
    label: "Adversarial miners' share of miner rewards",
    unit: "percent",
    better: "lower",
    primary: false,
    hint: "Compare with their share of the work: a copier or a sybil should earn less than honest work would.",
  },
  {
    key: "adversaryWorkShare",
    group: "resilience",
    label: "Adversaries' share of the work",
    unit: "percent",
    better: "neither",
    primary: false,
    hint: "Adversarial miners ÷ miners; every miner answers the same queries, so also their share of inferences.",
  },
  {
    key: "adversaryStakeShare",
    group: "resilience",
    label: "Adversaries' share of stake",
    unit: "percent",
    better: "neither",
    primary: false,
    hint: "At the end of the run; above 50 % an adversarial validator set decides consensus.",
  },

  {
    key: "inferencesPerSecond",
    group: "throughput",
    label: "Inferences / s",
    unit: "rate",
    better: "higher",
    primary: true,
    hint: "Higher is better; compare runs on the same machine.",
  },
  {
    key: "transactionsPerSecond",
    group: "throughput",
    label: "Transactions / s",
    unit: "rate",
    better: "higher",
    primary: true,
    hint: "Higher is better (the chain path signs ~1,800 tx/s on one core).",
  },
  {
    key: "gasPerEpoch",
    group: "throughput",
    label: "Gas per epoch",
    unit: "gas",
    better: "lower",
    primary: true,
    hint: "Lower is cheaper; it should grow with agents, one transaction per agent per epoch at most.",
  },
  {
    key: "wallMsPerEpoch",
    group: "throughput",
    label: "Wall time per epoch",
    unit: "ms",
    better: "lower",
    primary: true,
    hint: "Sum of the epoch's phases; the phase chart shows where it goes.",
  },
  {
    key: "revertedShare",
    group: "throughput",
    label: "Reverted transactions",
    unit: "percent",
    better: "neither",
    primary: false,
    hint: "0 % in an honest run; adversaries' rejected calls are recorded outcomes, not failures.",
  },

  {
    key: "finalSupply",
    group: "economics",
    label: "Final supply (tokens)",
    unit: "tokens",
    better: "neither",
    primary: true,
    hint: "Genesis plus every epoch's emission; compare with the emission schedule for inflation.",
  },
  {
    key: "stakingRatio",
    group: "economics",
    label: "Staking ratio",
    unit: "percent",
    better: "neither",
    primary: true,
    hint: "Stake ÷ supply at the end. High makes the validator set costly to buy; near 0 leaves it cheap.",
  },
  {
    key: "validatorYieldPerEpoch",
    group: "economics",
    label: "Validator yield per epoch",
    unit: "percent",
    better: "neither",
    primary: true,
    hint: "Validator reward ÷ stake; should pay for locking stake without runaway inflation.",
  },
  {
    key: "minerRewardPerInference",
    group: "economics",
    label: "Miner reward per inference (tokens)",
    unit: "tokens",
    better: "neither",
    primary: true,
    hint: "Reward per unit of compute: miners' reward ÷ queries answered; compare with the cost of an answer.",
  },
] as const satisfies readonly HeadlineDefinition[];

export type HeadlineKey = (typeof HEADLINE_DEFINITIONS)[number]["key"];
