import type { ValidatorRows } from "./validatorRows.ts";
import { type Buffers, FRESH } from "./yumaWorkspace.ts";

/**
 * Reads the stored u16 bonds into a (rows × n) matrix, divided by `scale` (1 for classic Yuma,
 * which reads raw u16 values and column-normalises them; 65535 for Yuma 3, where a bond is a
 * proportion). Columns of UIDs registered since the previous epoch (`lastTempo ≤ registeredAt_j`)
 * are masked: a new UID starts with no bonds (§1.2-11).
 */
export function loadBonds(
  n: number,
  rows: ValidatorRows,
  bonds: ReadonlyArray<Uint16Array | undefined>,
  registeredAt: Float64Array,
  lastTempo: number,
  scale: number,
  buffers: Buffers = FRESH,
): Float64Array {
  const out = buffers.float64("previousBonds", rows.uids.length * n);
  for (let r = 0; r < rows.uids.length; r++) {
    const stored = bonds[rows.uids[r]];
    if (stored === undefined) continue;
    const base = r * n;
    const width = Math.min(n, stored.length);
    for (let j = 0; j < width; j++) {
      if (stored[j] !== 0 && !(lastTempo <= registeredAt[j])) out[base + j] = stored[j] / scale;
    }
  }
  return out;
}
