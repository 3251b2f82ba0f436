/**
 * Open participation (issue 27): when a prospective miner registers, and when an incumbent leaves.
 * Pure functions of what an agent can observe; the engine's `participationDriver` feeds them.
 */

/** What a prospect knows when it considers registering at the start of an epoch. */
export interface EntryOutlook {
  /** Mean reward per epoch of comparable serving agents over the recent window (tokens). */
  comparableReward: number;
  /** The share of that reward left once it joins (`minerDilution`, `stakeDilution`). */
  dilution: number;
  /** Its own cost per epoch once serving: compute for the queries it answers, stake lock-up. */
  costPerEpoch: number;
  /** The registration burn it expects to pay (tokens). */
  burn: number;
  /** Epochs over which it expects to earn. */
  horizonEpochs: number;
}

/**
 * Expected profit of entering over the horizon: the comparable agents' recent reward, diluted by
 * its own arrival, less its costs, times the horizon, less the burn.
 */
export function expectedEntryProfit(o: EntryOutlook): number {
  return o.horizonEpochs * (o.comparableReward * o.dilution - o.costPerEpoch) - o.burn;
}

/** A miner's dilution: one more miner shares the miners' emission when the subnet has a free UID
 * (when full, the newcomer replaces a UID and shares nothing new). */
export function minerDilution(servingMiners: number, subnetFull: boolean): number {
  return subnetFull || servingMiners === 0 ? 1 : servingMiners / (servingMiners + 1);
}

/** A validator's dilution: its stake joins the serving validators' stake, which the validators'
 * emission pays by (a yield per staked token, observed before it joined, falls by this much). */
export function stakeDilution(servingStake: number, stake: number): number {
  return servingStake + stake <= 0 ? 1 : servingStake / (servingStake + stake);
}

/** A prospect enters iff its expected profit is positive. */
export function shouldEnter(o: EntryOutlook): boolean {
  return expectedEntryProfit(o) > 0;
}

/**
 * The registration price a prospect expects at `epoch`: after the latest registration, which paid
 * `lastPaid` at `lastEpoch`, the contract's stored price is `lastPaid × increase`, halving every
 * `halfLifeEpochs` (0: no decay), clamped to [minBurn, maxBurn] (`RegistrationPrice.sol`, in tokens).
 */
export function expectedBurn(
  curve: { increase: number; halfLifeEpochs: number; minBurn: number; maxBurn: number },
  last: { paid: number; epoch: number },
  epoch: number,
): number {
  const stored = Math.min(curve.maxBurn, Math.max(curve.minBurn, last.paid * curve.increase));
  const decayed =
    curve.halfLifeEpochs === 0 ? stored : stored * 2 ** (-(epoch - last.epoch) / curve.halfLifeEpochs);
  return Math.min(curve.maxBurn, Math.max(curve.minBurn, decayed));
}

/**
 * An incumbent's run of loss-making epochs: the streak after this epoch's profit (reset by a
 * profitable or break-even epoch). It leaves when the streak reaches K (`shouldExit`).
 */
export function nextLossStreak(streak: number, epochProfit: number): number {
  return epochProfit < 0 ? streak + 1 : 0;
}

export function shouldExit(streak: number, exitAfterEpochs: number): boolean {
  return streak >= exitAfterEpochs;
}
