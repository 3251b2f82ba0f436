/**
 * The rows the epoch works on: UIDs holding a permit from the previous epoch, plus any UID that
 * still has stored bonds. Every other UID's weight row is masked and its bond row is empty, so
 * matrices are (rows × n) instead of (n × n). Row r belongs to UID `uids[r]`; `rowOf[uid]` is −1
 * for UIDs without a row.
 */
export interface ValidatorRows {
  readonly uids: Int32Array;
  readonly rowOf: Int32Array;
}

export function selectValidatorRows(
  permit: Uint8Array,
  bonds: ReadonlyArray<Uint16Array | undefined>,
): ValidatorRows {
  const n = permit.length;
  const rowOf = new Int32Array(n).fill(-1);
  const uids: number[] = [];
  for (let i = 0; i < n; i++) {
    if (permit[i] || bonds[i] !== undefined) {
      rowOf[i] = uids.length;
      uids.push(i);
    }
  }
  return { uids: Int32Array.from(uids), rowOf };
}
