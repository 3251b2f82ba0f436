import { CrucibleError } from "../../sim/errors/CrucibleError.ts";
import type { Rng } from "../../sim/rng/createRng.ts";
import { type AnswerKind, checkAnswerShape } from "./answerShape.ts";

/**
 * A degraded answer: the miner's own answer with seeded noise of strength `strength` ≥ 0 — for
 * probabilities, Gaussian noise on the log-probabilities then renormalised (rows still sum to 1;
 * strength 0 leaves them unchanged); for values, N(0, strength²) added to each value.
 */
export function degradeAnswer(
  answer: Float32Array,
  outputs: number,
  kind: AnswerKind,
  rng: Rng,
  strength: number,
): Float32Array {
  checkAnswerShape(answer.length / outputs, outputs);
  if (!(strength >= 0)) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `invalid degradation strength ${strength}`);
  }
  const out = new Float32Array(answer.length);
  if (kind === "values") {
    for (let i = 0; i < answer.length; i++) out[i] = answer[i] + strength * rng.normal();
    return out;
  }
  const rows = answer.length / outputs;
  const logits = new Float64Array(outputs);
  for (let q = 0; q < rows; q++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < outputs; c++) {
      logits[c] = Math.log(Math.max(answer[q * outputs + c], 1e-30)) + strength * rng.normal();
      max = Math.max(max, logits[c]);
    }
    let sum = 0;
    for (let c = 0; c < outputs; c++) {
      logits[c] = Math.exp(logits[c] - max);
      sum += logits[c];
    }
    for (let c = 0; c < outputs; c++) out[q * outputs + c] = logits[c] / sum;
  }
  return out;
}
