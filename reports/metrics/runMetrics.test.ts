import { describe, expect, it } from "vitest";
import type { RunTables } from "../../sim/run/runTables.ts";
import { smallRunTables } from "../../test/fixtures/reports/smallRunTables.ts";
import { computeAdversaryShare } from "./computeAdversaryShare.ts";
import { computeConcentrationByEpoch } from "./computeConcentrationByEpoch.ts";
import { computeEconomics } from "./computeEconomics.ts";
import { computeFairness } from "./computeFairness.ts";
import { computeHonestLoss } from "./computeHonestLoss.ts";
import { computeThroughput } from "./computeThroughput.ts";

// The small run (test/fixtures/reports/smallRunTables.ts): miners earn 1, 2, 3, 4 per epoch (totals 3, 6,
// 9, 12), validators 5 each (totals 15, 15) and stake 1000 + 5·(epoch + 1); 3 epochs of 20 tokens,
// 40 inferences, 8 transactions, 400,000 gas; supply 4000 + 20·(epoch + 1).

describe("computeFairness", () => {
  it("gives Gini, Theil and Nakamoto per group of agents", () => {
    const f = computeFairness(smallRunTables());
    expect(f.rewards.allMiners.gini).toBeCloseTo(0.25, 12);
    // x/μ = 0.4, 0.8, 1.2, 1.6: T = ¼ Σ r ln r
    expect(f.rewards.allMiners.theil).toBeCloseTo(0.10644013528622318, 12);
    expect(f.rewards.allMiners.nakamoto).toBe(2); // 12 + 9 = 21 > 15
    expect(f.rewards.allAgents.nakamoto).toBe(3); // 15 + 15 = 30 is half of 60, + 12
    expect(f.rewards.validators).toEqual({ count: 2, total: 30, gini: 0, theil: 0, nakamoto: 2 });
    expect(f.rewards.honestMiners).toEqual(f.rewards.allMiners);
    // Stake 1015, 1015 over its two holders (miners hold none).
    expect(f.stake).toEqual({ count: 2, total: 2030, gini: 0, theil: 0, nakamoto: 2 });
  });

  it("leaves adversaries out of the honest miners", () => {
    const f = computeFairness(smallRunTables({ adversary: true }));
    expect(f.rewards.honestMiners.count).toBe(3);
    // [3, 6, 9]: 2·(3 + 12 + 27) / (3·18) − 4/3 = 2/9
    expect(f.rewards.honestMiners.gini).toBeCloseTo(2 / 9, 12);
    expect(f.rewards.allMiners.count).toBe(4);
  });

  it("is null for empty groups", () => {
    const f = computeFairness({ epochs: [], agentEpochs: [], agents: [], timings: [] });
    expect(f.rewards.allMiners).toEqual({ count: 0, total: 0, gini: null, theil: null, nakamoto: null });
  });
});

describe("computeConcentrationByEpoch", () => {
  it("measures each epoch's rewards and stake", () => {
    const rows = computeConcentrationByEpoch(smallRunTables());
    expect(rows.map((r) => r.epoch)).toEqual([0, 1, 2]);
    for (const r of rows) {
      expect(r.giniMinerRewards).toBeCloseTo(0.25, 12); // 1, 2, 3, 4
      expect(r.nakamotoRewards).toBe(3); // 5 + 5 = half of 20, + 4
      expect(r.giniStake).toBe(0); // two equal holders
      expect(r.nakamotoStake).toBe(2);
    }
  });
});

describe("computeThroughput", () => {
  it("gives rates, gas and wall time per epoch and phase", () => {
    const t = computeThroughput(smallRunTables(), { wallTimeMs: 2000 });
    expect(t.basis).toBe("total wall time");
    expect(t.inferencesPerSecond).toBe(60); // 120 in 2 s
    expect(t.transactionsPerSecond).toBe(12);
    expect(t.gasPerEpoch).toBe(400_000);
    expect(t.revertedShare).toBe(0);
    // Phase i of epoch e took (i + 1)·10 + e ms: 360·3 + 8·(0 + 1 + 2) = 1,104 ms over 3 epochs.
    expect(t.wallMsPerEpoch).toBeCloseTo(368, 12);
    expect(t.phaseMsPerEpoch.map((p) => p.ms)).toEqual([11, 21, 31, 41, 51, 61, 71, 81]);
    expect(t.phaseMsPerEpoch[0].phase).toBe("register");
    expect(t.phaseMsPerEpoch[2].phase).toBe("inference");
    const loop = computeThroughput(smallRunTables());
    expect(loop.basis).toBe("epoch-loop time");
    expect(loop.transactionsPerSecond).toBeCloseTo(24 / 1.104, 9);
  });

  it("is null with no epochs", () => {
    const t = computeThroughput({ epochs: [], agentEpochs: [], agents: [], timings: [] });
    expect([t.inferencesPerSecond, t.gasPerEpoch, t.revertedShare, t.wallMsPerEpoch]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

describe("computeEconomics", () => {
  it("gives supply, staking ratio, validator yield and reward per inference", () => {
    const e = computeEconomics(smallRunTables());
    expect(e.finalSupply).toBe(4060);
    expect(e.totalEmission).toBe(60);
    expect(e.perEpoch.map((r) => r.totalStake)).toEqual([2010, 2020, 2030]);
    expect(e.stakingRatio).toBeCloseTo(0.5, 12); // 2030 / 4060
    expect(e.perEpoch[0].validatorYield).toBeCloseTo(10 / 2010, 12);
    expect(e.validatorYieldPerEpoch).toBeCloseTo(30 / 6060, 12);
    expect(e.minerRewardPerInference).toBeCloseTo(30 / 120, 12);
  });
});

describe("computeAdversaryShare", () => {
  it("compares adversaries' reward share with their stake and work", () => {
    const a = computeAdversaryShare(smallRunTables({ adversary: true }));
    expect(a.adversaries).toBe(1);
    expect(a.strategies).toEqual(["copycat"]);
    expect(a.rewardShare).toBeCloseTo(12 / 60, 12);
    expect(a.minerRewardShare).toBeCloseTo(12 / 30, 12);
    expect(a.stakeShare).toBe(0);
    expect(a.workShare).toBe(0.25);
    expect(a.perEpoch).toHaveLength(3);
    expect(a.perEpoch[1].rewardShare).toBeCloseTo(4 / 20, 12);
    // The copycat earned 12 and spent 2 (no compute of its own).
    expect(a.profit).toBe(10);
  });

  it("is 0 with no adversaries", () => {
    const a = computeAdversaryShare(smallRunTables());
    expect([a.adversaries, a.rewardShare, a.stakeShare, a.workShare]).toEqual([0, 0, 0, 0]);
  });
});

/** The adversary run, with the honest miners' reward scaled by factors[epoch]. */
function hurtHonestMiners(factors: number[]): RunTables {
  const t = smallRunTables({ adversary: true });
  const honest = new Set(
    t.agents.filter((a) => a.strategy === "honest" && a.role === "miner").map((a) => a.agent),
  );
  for (const r of t.agentEpochs) if (honest.has(r.agent)) r.reward *= factors[r.epoch];
  for (const a of t.agents) {
    if (honest.has(a.agent))
      a.totalReward = t.agentEpochs.filter((r) => r.agent === a.agent).reduce((s, r) => s + r.reward, 0);
  }
  return t;
}

describe("computeHonestLoss", () => {
  it("measures the honest miners' loss against the baseline and when it recovers", () => {
    const h = computeHonestLoss(hurtHonestMiners([0.5, 0.96, 1]), smallRunTables());
    expect(h.matchedMiners).toBe(3);
    expect(h.baselineReward).toBe(18);
    expect(h.runReward).toBeCloseTo(6 * 2.46, 12);
    expect(h.loss).toBeCloseTo((18 - 14.76) / 18, 12);
    expect(h.perEpoch.map((e) => e.loss)).toEqual([0.5, expect.closeTo(0.04, 12), 0]);
    expect(h.recoveredAtEpoch).toBe(1);
    expect(h.epochsToRecover).toBe(1);
  });

  it("says when rewards never settle, or were never hurt", () => {
    expect(computeHonestLoss(hurtHonestMiners([1, 1, 0.9]), smallRunTables()).epochsToRecover).toBeNull();
    const same = computeHonestLoss(smallRunTables(), smallRunTables());
    expect([same.loss, same.epochsToRecover, same.recoveredAtEpoch]).toEqual([0, 0, 0]);
  });
});

describe("computeConcentrationByEpoch when nothing is paid or staked", () => {
  it("is null rather than a misleading 0", () => {
    const t = smallRunTables();
    for (const r of t.agentEpochs) if (r.epoch === 0) Object.assign(r, { reward: 0, stake: 0 });
    const [first] = computeConcentrationByEpoch(t);
    expect(first).toEqual({
      epoch: 0,
      giniMinerRewards: null,
      giniStake: null,
      nakamotoRewards: null,
      nakamotoStake: null,
    });
  });
});
