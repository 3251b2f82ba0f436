/**
 * §1.10-2: bonds are stored as u16 between epochs, and this rounding is part of the dynamics.
 * Classic Yuma max-upscales each column first (largest bond in a column = 65535); Yuma 3 stores
 * floor(B · 65535). Returns one u16 row per matrix row.
 */
export function quantizeBonds(n: number, bonds: Float64Array, upscaleColumns: boolean): Uint16Array[] {
  const count = bonds.length / n;
  const scale = new Float64Array(n).fill(1);
  if (upscaleColumns) {
    const max = new Float64Array(n);
    for (let base = 0; base < bonds.length; base += n) {
      for (let j = 0; j < n; j++) if (bonds[base + j] > max[j]) max[j] = bonds[base + j];
    }
    for (let j = 0; j < n; j++) if (max[j] !== 0) scale[j] = max[j];
  }
  const rows: Uint16Array[] = [];
  for (let r = 0; r < count; r++) {
    const row = new Uint16Array(n);
    const base = r * n;
    for (let j = 0; j < n; j++) row[j] = toU16((bonds[base + j] / scale[j]) * 65535);
    rows.push(row);
  }
  return rows;
}

/** The chain's `saturating_to_num::<u16>()`: floor, clamped to [0, 65535]. */
export function toU16(x: number): number {
  if (!(x > 0)) return 0;
  return x >= 65535 ? 65535 : Math.floor(x);
}
