import { describe, expect, it } from "vitest";
import { acceptsBribe, bribeFloorWei, interestVote } from "./interestVoter.ts";

const base = {
  current: { minerBps: 5_000, validatorBps: 5_000 },
  horizonEpochs: 10,
  turnoutCostWei: 0n,
};

describe("interestVote", () => {
  it("votes for a larger share of its own side and against a smaller one", () => {
    const proposed = { minerBps: 6_000, validatorBps: 4_000 };
    const miner = interestVote({ ...base, role: "miner", recentRewardWei: 100n, proposed });
    const validator = interestVote({ ...base, role: "validator", recentRewardWei: 100n, proposed });
    expect(miner).toEqual({ support: 1, deltaWei: 20n }); // 100 · 6000/5000 − 100
    expect(validator).toEqual({ support: 0, deltaWei: -20n }); // 100 · 4000/5000 − 100
  });

  it("stays home when the stake over its horizon does not exceed its cost, or nothing changes for it", () => {
    const proposed = { minerBps: 6_000, validatorBps: 4_000 };
    // 20 wei a epoch × 10 epochs = 200 wei at stake: a cost of 200 keeps it home, 199 does not.
    expect(
      interestVote({ ...base, role: "miner", recentRewardWei: 100n, proposed, turnoutCostWei: 200n }),
    ).toEqual({ support: undefined, deltaWei: 20n });
    expect(
      interestVote({ ...base, role: "miner", recentRewardWei: 100n, proposed, turnoutCostWei: 199n }).support,
    ).toBe(1);
    expect(interestVote({ ...base, role: "miner", recentRewardWei: 100n }).support).toBeUndefined();
    expect(interestVote({ ...base, role: "miner", recentRewardWei: 0n, proposed }).support).toBeUndefined();
  });

  it("prices a bribe at the expected loss over the horizon plus the cost of voting, and takes one above it", () => {
    // A validator losing 20 wei an epoch over 10 epochs, voting at a cost of 5: its floor is 205.
    expect(bribeFloorWei({ support: 0, deltaWei: -20n }, 10, 5n)).toBe(205n);
    // A holder that gains loses nothing by voting for: only its cost of voting.
    expect(bribeFloorWei({ support: 1, deltaWei: 20n }, 10, 5n)).toBe(5n);
    expect(acceptsBribe(205n, 205n)).toBe(false);
    expect(acceptsBribe(206n, 205n)).toBe(true);
  });
});
