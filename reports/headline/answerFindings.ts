import type { HeadlineMetric } from "../computeHeadline.ts";

/** One finding the report leads with: a question a reader of this scenario asks, and its answer. */
export interface Finding {
  question: string;
  answer: string;
  /** The metric keys the answer is read from (the cards below show them in full). */
  from: string[];
  /** good: the mechanism did its job; bad: the attack pays or the reward ignores quality; neutral. */
  tone: "good" | "bad" | "neutral";
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const tokens = (x: number) => `${Math.round(x).toLocaleString("en-US")} tokens`;

/**
 * The two or three findings that answer the scenario's question, from the headline metrics: for a
 * run with adversaries, does the attack pay, what did they take against what they brought, and
 * does the reward still follow quality; for an honest run, does the reward follow quality, how
 * unequal is it, what validators earn. Pure; a metric a run does not have leaves its finding out.
 */
export function answerFindings(headline: readonly HeadlineMetric[]): Finding[] {
  const v = (key: string): number | null => {
    const m = headline.find((h) => h.key === key);
    return m && m.value !== null && Number.isFinite(m.value) ? m.value : null;
  };
  const findings: Finding[] = [];
  const profit = v("adversaryProfit");
  const share = v("adversaryRewardShare");
  const work = v("adversaryWorkShare");
  const stake = v("adversaryStakeShare");
  const spearman = v("spearmanAccuracyReward");
  const adversarial = profit !== null || (share !== null && share > 0);

  if (adversarial) {
    if (profit !== null) {
      findings.push({
        question: "Does the attack pay?",
        answer:
          profit > 0
            ? `Yes: the adversaries end ${tokens(profit)} ahead after their costs and slashes.`
            : `No: the adversaries end ${tokens(-profit)} behind after their costs and slashes.`,
        from: ["adversaryProfit"],
        tone: profit > 0 ? "bad" : "good",
      });
    }
    if (share !== null) {
      const brought = Math.max(work ?? 0, stake ?? 0);
      findings.push({
        question: "What did they take, against what they brought?",
        answer:
          `${pct(share)} of all rewards, with ${pct(work ?? 0)} of the work and ${pct(stake ?? 0)} of the stake` +
          (share > brought + 0.005
            ? ": more than their contribution."
            : ": no more than their contribution."),
        from: ["adversaryRewardShare", "adversaryWorkShare", "adversaryStakeShare"],
        // Not "good" when within: a copier's "work" is copied answers; the quality finding says more.
        tone: share > brought + 0.005 ? "bad" : "neutral",
      });
    }
  }
  if (spearman !== null) {
    findings.push({
      question: adversarial
        ? "Do honest miners still get paid by quality?"
        : "Does the reward follow quality?",
      answer:
        spearman >= 0.8
          ? `Yes: Spearman(true quality, reward) is ${spearman.toFixed(2)}.`
          : spearman >= 0.5
            ? `Partly: Spearman(true quality, reward) is ${spearman.toFixed(2)}.`
            : `No: Spearman(true quality, reward) is ${spearman.toFixed(2)}.`,
      from: ["spearmanAccuracyReward"],
      tone: spearman >= 0.8 ? "good" : spearman >= 0.5 ? "neutral" : "bad",
    });
  }
  if (!adversarial) {
    const gini = v("giniMinerRewards");
    if (gini !== null) {
      findings.push({
        question: "How unequal are miners' rewards?",
        answer: `Gini ${gini.toFixed(2)} (0: equal pay; unequal pay is right when quality is unequal).`,
        from: ["giniMinerRewards"],
        tone: "neutral",
      });
    }
  }
  return findings.slice(0, 3);
}
