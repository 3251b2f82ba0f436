import { describe, expect, it } from "vitest";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { checkMetricNames } from "./checkMetricNames.ts";
import { parseInvariant } from "./parseInvariant.ts";

const WHERE = "scenarios/x.yaml: invariants[0]";
const parse = (s: string) => {
  const inv = parseInvariant(s, WHERE);
  checkMetricNames(inv, WHERE);
  return inv;
};
const errorOf = (s: string): CrucibleError => {
  try {
    parse(s);
  } catch (e) {
    return e as CrucibleError;
  }
  throw new Error(`parsed: ${s}`);
};

describe("parseInvariant", () => {
  it("reads the three kinds", () => {
    expect(parse("adversaryProfit < 0")).toMatchObject({ kind: "run", op: "<" });
    const share = parse("adversaryRewardShare <= adversaryWorkShare + 0.05");
    expect(share.right).toEqual({
      kind: "binary",
      op: "+",
      left: { kind: "metric", name: "adversaryWorkShare", column: 25 },
      right: { kind: "number", value: 0.05 },
    });
    expect(parse("after epoch 10: spearmanQualityReward > 0.8")).toMatchObject({
      kind: "epoch",
      window: { from: 10, to: null },
    });
    expect(parse("from epoch 2 to 5: reverted == 0").window).toEqual({ from: 2, to: 5 });
    expect(parse("every epoch: supply > 0").window).toEqual({ from: 0, to: null });
    expect(parse("p95(giniHonestMinerRewards) < 0.4")).toMatchObject({
      kind: "replicates",
      left: { kind: "aggregate", aggregate: { fn: "quantile", p: 0.95 } },
    });
    expect(parse("mean(adversaryRewardShare) < 5% with 95% confidence")).toMatchObject({
      kind: "replicates",
      confidence: 0.95,
      right: { kind: "number", value: 0.05 },
    });
  });

  it("keeps precedence: * before +, parentheses, unary minus", () => {
    const inv = parse("-(adversaryProfit) * 2 + 1 > 3 / 2");
    expect(inv.left).toMatchObject({ kind: "binary", op: "+", left: { op: "*", left: { kind: "neg" } } });
  });

  it.each([
    ["adversaryProfit <", 18, "expected a number, a metric or '(', found the end of the line"],
    ["adversaryProfit < 0 )", 21, "unexpected ')' after the invariant"],
    ["adversaryProfit 0", 17, "expected a comparison"],
    ["adversaryProfitt < 0", 1, "unknown per-run metric 'adversaryProfitt'"],
    ["after epoch x: supply > 0", 13, "expected an epoch (an integer), found 'x'"],
    ["after epoch 3 supply > 0", 15, "expected ':', found 'supply'"],
    ["before epoch 3: supply > 0", 1, "unknown window 'before epoch'"],
    ["from epoch 5 to 2: supply > 0", 17, "the window ends (2) before it starts (5)"],
    ["p95(giniHonestMinerRewards) < giniMinerRewards", 31, "'giniMinerRewards' outside an aggregate"],
    ["avg(giniMinerRewards) < 1", 1, "unknown aggregate 'avg'"],
    ["after epoch 1: mean(supply) > 0", 16, "a per-epoch invariant cannot aggregate"],
    ["p95(giniMinerRewards) < 0.4 with 95% confidence", 29, "'with N% confidence' bounds a mean"],
    ["mean(giniMinerRewards) < 0.4 with 120% confidence", 35, "expected a confidence level"],
    ["wallMsPerEpoch < 10", 1, "'wallMsPerEpoch' is a wall-clock rate"],
    ["after epoch 1: adversaryProfit < 0", 16, "unknown per-epoch metric 'adversaryProfit'"],
    ["supply > 0 & 1", 12, "unexpected character '&'"],
  ])("refuses %j at column %i", (source, column, reason) => {
    const e = errorOf(source);
    expect(e).toBeInstanceOf(CrucibleError);
    expect(e.code).toBe("CRUCIBLE_SCENARIO_INVALID");
    expect(e.message).toContain(`${WHERE}: column ${column}: ${reason}`);
    expect(e.details).toBe(`${source}\n${" ".repeat(column - 1)}^`);
  });
});
