/**
 * §1.2-3: the top-k UIDs by normalised stake get a validator permit (`is_topk_nonzero`): a stable
 * ascending sort drops the first n − k, so among equal stakes the lower UID is dropped first; a UID
 * with zero stake never gets one; the owner always does. These permits are stored for the next
 * epoch, which uses them for masking (the one-epoch lag).
 */
export function computeValidatorPermits(stakeWeight: Float64Array, k: number, ownerUid?: number): Uint8Array {
  const n = stakeWeight.length;
  const permit = new Uint8Array(n);
  for (let i = 0; i < n; i++) permit[i] = stakeWeight[i] !== 0 ? 1 : 0;
  if (n >= k) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => stakeWeight[a] - stakeWeight[b]); // Array.prototype.sort is stable
    for (let r = 0; r < n - k; r++) permit[order[r]] = 0;
  }
  if (ownerUid !== undefined && ownerUid < n) permit[ownerUid] = 1;
  return permit;
}
