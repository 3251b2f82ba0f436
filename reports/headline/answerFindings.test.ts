import { describe, expect, it } from "vitest";
import type { HeadlineMetric } from "../computeHeadline.ts";
import { answerFindings } from "./answerFindings.ts";

const metric = (key: string, value: number | null) => ({ key, value }) as unknown as HeadlineMetric;

describe("the findings a report leads with", () => {
  it("for an attack: whether it pays, what it took against what it brought, and quality", () => {
    const f = answerFindings([
      metric("adversaryProfit", 3565),
      metric("adversaryRewardShare", 0.189),
      metric("adversaryWorkShare", 0.25),
      metric("adversaryStakeShare", 0),
      metric("spearmanAccuracyReward", 0.22),
    ]);
    expect(f.map((x) => [x.question, x.tone])).toEqual([
      ["Does the attack pay?", "bad"],
      ["What did they take, against what they brought?", "neutral"],
      ["Do honest miners still get paid by quality?", "bad"],
    ]);
    expect(f[0].answer).toBe("Yes: the adversaries end 3,565 tokens ahead after their costs and slashes.");
    expect(f[1].answer).toBe(
      "18.9 % of all rewards, with 25.0 % of the work and 0.0 % of the stake: no more than their contribution.",
    );
  });

  it("an attack that loses money is a good outcome; taking more than contributed is not", () => {
    const f = answerFindings([
      metric("adversaryProfit", -888.6),
      metric("adversaryRewardShare", 0.2),
      metric("adversaryWorkShare", 0),
      metric("adversaryStakeShare", 0.1),
    ]);
    expect(f[0]).toMatchObject({
      tone: "good",
      answer: "No: the adversaries end 889 tokens behind after their costs and slashes.",
    });
    expect(f[1].tone).toBe("bad");
  });

  it("for an honest run: does the reward follow quality, how unequal it is", () => {
    const f = answerFindings([
      metric("adversaryProfit", null),
      metric("adversaryRewardShare", 0),
      metric("spearmanAccuracyReward", 0.956),
      metric("giniMinerRewards", 0.373),
    ]);
    expect(f.map((x) => x.question)).toEqual([
      "Does the reward follow quality?",
      "How unequal are miners' rewards?",
    ]);
    expect(f[0]).toMatchObject({ tone: "good", answer: "Yes: Spearman(true quality, reward) is 0.96." });
  });
});
