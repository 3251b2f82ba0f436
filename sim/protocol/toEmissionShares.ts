/** Shares scale for the incentive/dividend vectors Emission.distribute takes (any common scale). */
const SHARE_SCALE = 1e18;

/** The mechanism's incentive or dividend vector as integer shares: x · 1e18 rounded, 0 for values
 * that are not finite and positive. */
export function toEmissionShares(xs: ArrayLike<number>): bigint[] {
  return Array.from(xs, (x) => (Number.isFinite(x) && x > 0 ? BigInt(Math.round(x * SHARE_SCALE)) : 0n));
}
