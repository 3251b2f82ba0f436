/** Rows grouped by their epoch, in ascending epoch order. */
export function groupByEpoch<Row extends { epoch: number }>(rows: readonly Row[]): [number, Row[]][] {
  const byEpoch = new Map<number, Row[]>();
  for (const r of rows) {
    const list = byEpoch.get(r.epoch);
    if (list) list.push(r);
    else byEpoch.set(r.epoch, [r]);
  }
  return [...byEpoch.entries()].sort((a, b) => a[0] - b[0]);
}
