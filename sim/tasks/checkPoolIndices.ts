import { CrucibleError } from "../errors/CrucibleError.ts";

/** Every index is an integer in [0, poolSize); throws CRUCIBLE_RUN_FAILED naming the first bad one. */
export function checkPoolIndices(indices: readonly number[], poolSize: number): void {
  for (const q of indices) {
    if (!Number.isInteger(q) || q < 0 || q >= poolSize) {
      throw new CrucibleError("CRUCIBLE_RUN_FAILED", `query index ${q} is outside the pool`, {
        details: `expected an integer in [0, ${poolSize})`,
      });
    }
  }
}
