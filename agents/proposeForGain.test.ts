import { describe, expect, it } from "vitest";
import { proposeForGain } from "./proposeForGain.ts";

const base = {
  recentRewardWei: 100n,
  current: { ownerBps: 1_000, minerBps: 4_500, validatorBps: 4_500 },
  stepBps: 1_000,
  maxShareBps: 8_000,
  horizonEpochs: 10,
  minGainWei: 0n,
};

describe("a proposer agent proposes the split it expects to profit from", () => {
  it("a miner moves a step from the validators to the miners; a validator the other way", () => {
    // 100 wei at 4,500 bps → 122 at 5,500 (floored): +22 an epoch.
    expect(proposeForGain({ ...base, role: "miner" })).toEqual({
      split: { ownerBps: 1_000, minerBps: 5_500, validatorBps: 3_500 },
      gainWei: 22n,
    });
    expect(proposeForGain({ ...base, role: "validator" })).toEqual({
      split: { ownerBps: 1_000, minerBps: 3_500, validatorBps: 5_500 },
      gainWei: 22n,
    });
  });

  it("stops at its ceiling and at what the other side has", () => {
    const atCap = { ...base.current, minerBps: 7_500, validatorBps: 1_500 };
    expect(proposeForGain({ ...base, role: "miner", current: atCap })?.split.minerBps).toBe(8_000);
    const capped = { ...base.current, minerBps: 8_000, validatorBps: 1_000 };
    expect(proposeForGain({ ...base, role: "miner", current: capped })).toBeNull();
    const empty = { ownerBps: 1_000, minerBps: 9_000, validatorBps: 0 };
    expect(proposeForGain({ ...base, role: "miner", current: empty, maxShareBps: 10_000 })).toBeNull();
  });

  it("proposes only when its gain over the horizon exceeds the threshold", () => {
    // +22 an epoch × 10 epochs = 220.
    expect(proposeForGain({ ...base, role: "miner", minGainWei: 219n })).not.toBeNull();
    expect(proposeForGain({ ...base, role: "miner", minGainWei: 220n })).toBeNull();
    // Nothing earned last epoch: nothing to gain.
    expect(proposeForGain({ ...base, role: "miner", recentRewardWei: 0n })).toBeNull();
  });
});
