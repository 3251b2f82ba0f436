/**
 * A copy of the n×n weights in force that writes only the rows of UIDs with an accepted reveal
 * (`lastUpdate[uid] !== 0`): by `EpochState`'s definition every other row is zero. A fresh
 * Float64Array is zero pages the OS has not mapped yet, and `slice()` would map (and even a scan
 * would fault in) all of them: for 10,000 UIDs that is 800 MB and seconds per epoch, while only the
 * validators' few rows hold weights. Equal to `weights.slice()` whenever that definition holds.
 */
export function copyWeightRows(weights: Float64Array, n: number, lastUpdate: Float64Array): Float64Array {
  const out = new Float64Array(weights.length);
  for (let uid = 0; uid < n; uid++) {
    if (lastUpdate[uid] !== 0) out.set(weights.subarray(uid * n, (uid + 1) * n), uid * n);
  }
  return out;
}
