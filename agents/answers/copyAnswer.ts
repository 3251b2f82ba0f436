import { CrucibleError } from "../../sim/errors/CrucibleError.ts";
import { checkAnswerShape } from "./answerShape.ts";

/**
 * Another miner's answer, copied from the epoch's [miners × nQueries × outputs] result (a copy, so
 * the copier may transform it without touching the original).
 */
export function copyAnswer(all: Float32Array, from: number, nQueries: number, outputs: number): Float32Array {
  checkAnswerShape(nQueries, outputs);
  const per = nQueries * outputs;
  if (!Number.isInteger(from) || from < 0 || (from + 1) * per > all.length) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `cannot copy the answer of miner ${from}`, {
      details: `the epoch's answers hold ${all.length / Math.max(1, per)} miners of ${nQueries} × ${outputs}`,
    });
  }
  return all.slice(from * per, (from + 1) * per);
}
