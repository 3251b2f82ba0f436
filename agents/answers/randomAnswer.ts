import type { Rng } from "../../sim/rng/createRng.ts";
import { type AnswerKind, checkAnswerShape } from "./answerShape.ts";

/**
 * A seeded random answer: for probabilities, a uniformly random point of the simplex per query
 * (normalised exponential draws); for values, N(mean, std²) per value.
 */
export function randomAnswer(
  rng: Rng,
  nQueries: number,
  outputs: number,
  kind: AnswerKind,
  values: { mean?: number; std?: number } = {},
): Float32Array {
  checkAnswerShape(nQueries, outputs);
  const out = new Float32Array(nQueries * outputs);
  if (kind === "values") {
    const mean = values.mean ?? 0;
    const std = values.std ?? 1;
    for (let i = 0; i < out.length; i++) out[i] = mean + std * rng.normal();
    return out;
  }
  for (let q = 0; q < nQueries; q++) {
    let sum = 0;
    for (let c = 0; c < outputs; c++) {
      const draw = -Math.log(1 - rng.float());
      out[q * outputs + c] = draw;
      sum += draw;
    }
    for (let c = 0; c < outputs; c++) out[q * outputs + c] /= sum;
  }
  return out;
}
