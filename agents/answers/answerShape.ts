/**
 * Hooks for adversarial miners' answers: pure functions over typed arrays, the seeded ones drawing
 * from the RNG they are given (an agent's own stream). An answer is [nQueries × outputs], row-major:
 * class probabilities (`probabilities`, rows sum to 1) or predicted values (`values`).
 */
import { CrucibleError } from "../../sim/errors/CrucibleError.ts";

/** Class probabilities (rows sum to 1) or predicted values. */
export type AnswerKind = "probabilities" | "values";

/** Throws unless an answer of nQueries × outputs is a valid shape (integers, nQueries ≥ 0, outputs ≥ 1). */
export function checkAnswerShape(nQueries: number, outputs: number): void {
  if (!Number.isInteger(nQueries) || nQueries < 0 || !Number.isInteger(outputs) || outputs < 1) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", "invalid answer shape", {
      details: `expected integer nQueries >= 0 and outputs >= 1, got ${nQueries} × ${outputs}`,
    });
  }
}
