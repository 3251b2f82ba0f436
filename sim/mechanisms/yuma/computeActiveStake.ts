import { normalizeInPlace } from "./normalizeStake.ts";

/**
 * §1.2-4: stake of UIDs that are active and held a permit from the previous epoch, renormalised.
 */
export function computeActiveStake(
  stakeWeight: Float64Array,
  active: Uint8Array,
  permit: Uint8Array,
): Float64Array {
  const out = new Float64Array(stakeWeight.length);
  for (let i = 0; i < out.length; i++) out[i] = active[i] && permit[i] ? stakeWeight[i] : 0;
  return normalizeInPlace(out);
}
