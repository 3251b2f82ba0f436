/**
 * A yield-chasing delegator (issue 27): it compares validators by their recent yield per staked token
 * (what their pools grew by, net of take: the share price), averaged over its window, and moves all
 * its stake to the best one when that beats its own validator's by more than its threshold, at most
 * once per cooldown (inertia: a move costs the unstaking cooldown, in which the stake earns nothing).
 * Ties go to the lowest validator index. Pure: the driver gives it the yields and its state.
 */
export interface YieldChaserInput {
  /** Each validator's yield per epoch, oldest first: yields[e][v] (NaN: v held no UID or no stake). */
  yields: readonly (readonly number[])[];
  /** The validator index it is staked on now. */
  current: number;
  /** Epochs since it last restaked (Infinity: never moved). */
  epochsSinceMove: number;
  window: number;
  threshold: number;
  cooldownEpochs: number;
}

/** The validator index to move to, or null to stay. */
export function chooseValidator(x: YieldChaserInput): number | null {
  if (x.epochsSinceMove < x.cooldownEpochs || x.yields.length < x.window) return null;
  const recent = x.yields.slice(-x.window);
  const validators = recent[0].length;
  const mean = Array.from({ length: validators }, (_, v) => {
    let s = 0;
    for (const row of recent) {
      if (!Number.isFinite(row[v])) return Number.NaN;
      s += row[v];
    }
    return s / recent.length;
  });
  let best = -1;
  mean.forEach((y, v) => {
    if (Number.isFinite(y) && (best < 0 || y > mean[best])) best = v;
  });
  if (best < 0 || best === x.current || mean[best] <= 0) return null;
  const mine = mean[x.current];
  if (Number.isFinite(mine) && mean[best] <= mine * (1 + x.threshold)) return null;
  return best;
}

/**
 * A validator's take policy: `fixed` steps toward its target (a raise at most `maxRaise` at a time,
 * as Staking allows) and keeps it; `competitive` cuts by `step` each epoch its delegated stake fell,
 * down to `min`, and otherwise keeps its take. Returns the take to ask for, or null to leave it.
 */
export function nextTake(x: {
  policy: "fixed" | "competitive";
  current: number;
  target: number;
  step: number;
  min: number;
  maxRaise: number;
  delegatedNow: number;
  delegatedBefore: number;
}): number | null {
  const eps = 1e-9;
  if (x.policy === "fixed" || x.delegatedBefore < 0) {
    // Fixed, and competitive before its first comparison: reach the target.
    if (Math.abs(x.current - x.target) < eps) return null;
    return x.target > x.current ? Math.min(x.target, x.current + x.maxRaise) : x.target;
  }
  if (x.delegatedNow < x.delegatedBefore - eps && x.current > x.min + eps) {
    return Math.max(x.min, x.current - x.step);
  }
  return null;
}
