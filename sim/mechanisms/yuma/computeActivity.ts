/**
 * §1.2-1: a UID is inactive when `lastUpdate + activityCutoff < block`. Returns 1 for active UIDs.
 */
export function computeActivity(lastUpdate: Float64Array, block: number, activityCutoff: number): Uint8Array {
  const active = new Uint8Array(lastUpdate.length);
  for (let i = 0; i < lastUpdate.length; i++) active[i] = lastUpdate[i] + activityCutoff < block ? 0 : 1;
  return active;
}
