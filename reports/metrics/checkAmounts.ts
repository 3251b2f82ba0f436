import { CrucibleError } from "../../sim/errors/CrucibleError.ts";

/** Throws CRUCIBLE_INVALID_ARGUMENT naming `fn` unless every amount is finite and non-negative. */
export function checkAmounts(fn: string, values: readonly number[]): void {
  for (const v of values) {
    if (!Number.isFinite(v) || v < 0)
      throw new CrucibleError(
        "CRUCIBLE_INVALID_ARGUMENT",
        `${fn}: expected non-negative finite values, got ${v}`,
      );
  }
}
