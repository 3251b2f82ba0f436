import type { RunTables } from "../sim/run/runTables.ts";
import { computeGini } from "./computeGini.ts";
import { computeSpearman } from "./computeSpearman.ts";

export type HeadlineKey =
  | "epochs"
  | "miners"
  | "validators"
  | "totalEmission"
  | "giniMinerRewards"
  | "spearmanAccuracyReward"
  | "bestWorstMinerRewardRatio"
  | "inferencesPerSecond"
  | "transactionsPerSecond";

export type HeadlineGroup = "run" | "fairness" | "throughput";

export interface HeadlineMetric {
  key: HeadlineKey;
  /** Where the page shows it: run size, reward fairness, throughput. */
  group: HeadlineGroup;
  label: string;
  /** null when undefined for this run (no miners, no timings...); Infinity when the worst miner earned 0. */
  value: number | null;
  /** The value formatted for people. */
  text: string;
  /** One line: what good looks like. */
  hint: string;
}

export interface HeadlineOptions {
  /**
   * Wall time the rates are measured against (ms), e.g. the run's total wall time. Without it the
   * sum of the phase timings (epoch-loop time, setup excluded) is used.
   */
  wallTimeMs?: number;
}

const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const tokens = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });
const rate = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

function fixed(value: number | null, digits: number): string {
  return value === null ? "n/a" : value.toFixed(digits);
}

/**
 * The run's headline numbers, each with a hint on what good looks like. Pure. Gini uses the
 * population formula (see computeGini) over miners' total rewards; Spearman pairs each miner's true
 * held-out accuracy with its total reward.
 */
export function computeHeadline(tables: RunTables, options: HeadlineOptions = {}): HeadlineMetric[] {
  const miners = tables.agents.filter((a) => a.role === "miner");
  const validators = tables.agents.filter((a) => a.role === "validator");
  const minerRewards = miners.map((m) => m.totalReward);
  const totalEmission = tables.epochs.reduce((s, e) => s + e.emission, 0);

  const gini = miners.length > 0 ? computeGini(minerRewards.map((r) => Math.max(r, 0))) : null;
  const rho = computeSpearman(
    miners.map((m) => m.trueAccuracy),
    minerRewards,
  );
  const spearman = Number.isNaN(rho) ? null : rho;

  let ratio: number | null = null;
  if (miners.length > 0) {
    const best = Math.max(...minerRewards);
    const worst = Math.min(...minerRewards);
    ratio = worst > 0 ? best / worst : best > 0 ? Number.POSITIVE_INFINITY : null;
  }
  const ratioText =
    ratio === null
      ? "n/a"
      : ratio === Number.POSITIVE_INFINITY
        ? "∞ (a miner earned 0)"
        : `${rate.format(ratio)}×`;

  const timedMs = tables.timings.reduce((s, t) => s + t.ms, 0);
  const wallMs = options.wallTimeMs ?? timedMs;
  const base = options.wallTimeMs === undefined ? "epoch-loop time" : "total wall time";
  const perSecond = (n: number): number | null => (wallMs > 0 ? n / (wallMs / 1000) : null);
  const inferencesPerSecond = perSecond(tables.epochs.reduce((s, e) => s + e.inferences, 0));
  const transactionsPerSecond = perSecond(tables.epochs.reduce((s, e) => s + e.transactions, 0));

  return [
    {
      key: "epochs",
      group: "run",
      label: "Epochs",
      value: tables.epochs.length,
      text: count.format(tables.epochs.length),
      hint: "Enough for rewards to settle: bonds are a moving average, early epochs are warm-up.",
    },
    {
      key: "miners",
      group: "run",
      label: "Miners",
      value: miners.length,
      text: count.format(miners.length),
      hint: "As many as the scenario asked for; fewer means registrations failed or were pruned.",
    },
    {
      key: "validators",
      group: "run",
      label: "Validators",
      value: validators.length,
      text: count.format(validators.length),
      hint: "As many as the scenario asked for; each should reveal weights every epoch.",
    },
    {
      key: "totalEmission",
      group: "run",
      label: "Total emission (tokens)",
      value: totalEmission,
      text: tokens.format(totalEmission),
      hint: "Emission per epoch × epochs, exactly; anything else means tokens leaked or were minted twice.",
    },
    {
      key: "giniMinerRewards",
      group: "fairness",
      label: "Gini of miner rewards",
      value: gini,
      text: fixed(gini, 3),
      hint: "0 = equal pay, 1 = one miner takes all; good is only as unequal as the miners' quality.",
    },
    {
      key: "spearmanAccuracyReward",
      group: "fairness",
      label: "Spearman(true accuracy, reward)",
      value: spearman,
      text: fixed(spearman, 3),
      hint: "Near 1: reward follows true model quality. Near 0 or below: it pays for something else.",
    },
    {
      key: "bestWorstMinerRewardRatio",
      group: "fairness",
      label: "Best ÷ worst miner reward",
      value: ratio,
      text: ratioText,
      hint: "Large is fine when quality differs that much; ∞ means some miner was paid nothing.",
    },
    {
      key: "inferencesPerSecond",
      group: "throughput",
      label: "Inferences / s",
      value: inferencesPerSecond,
      text: inferencesPerSecond === null ? "n/a" : rate.format(inferencesPerSecond),
      hint: `Per second of ${base}; higher is better, compare runs on the same machine.`,
    },
    {
      key: "transactionsPerSecond",
      group: "throughput",
      label: "Transactions / s",
      value: transactionsPerSecond,
      text: transactionsPerSecond === null ? "n/a" : rate.format(transactionsPerSecond),
      hint: `Per second of ${base}; higher is better (the chain path signs ~1,800 tx/s on one core).`,
    },
  ];
}

/** The headline as a plain object for summary.json (Infinity and undefined become null). */
export function headlineSummary(headline: readonly HeadlineMetric[]): Record<HeadlineKey, number | null> {
  return Object.fromEntries(
    headline.map((m) => [m.key, m.value !== null && Number.isFinite(m.value) ? m.value : null]),
  ) as Record<HeadlineKey, number | null>;
}
