/** Throws a RangeError naming `fn` unless every amount is finite and non-negative. */
export function checkAmounts(fn: string, values: readonly number[]): void {
  for (const v of values) {
    if (!Number.isFinite(v) || v < 0)
      throw new RangeError(`${fn}: expected non-negative finite values, got ${v}`);
  }
}
