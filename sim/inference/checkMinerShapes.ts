import { CrucibleError } from "../errors/CrucibleError.ts";
import type { MlpWeights } from "./mlpWeights.ts";

/** Every model has the first one's input and output sizes and arrays of matching lengths; at least one model. */
export function checkMinerShapes(models: readonly MlpWeights[]): { inputSize: number; outputs: number } {
  if (models.length === 0) throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", "no miner models given");
  const { inputSize, outputs } = models[0];
  models.forEach((m, i) => {
    const ok =
      m.inputSize === inputSize &&
      m.outputs === outputs &&
      m.w1.length === m.inputSize * m.hidden &&
      m.b1.length === m.hidden &&
      m.w2.length === m.hidden * m.outputs &&
      m.b2.length === m.outputs;
    if (!ok) {
      throw new CrucibleError(
        "CRUCIBLE_INFERENCE_FAILED",
        `miner model ${i} has inconsistent weight shapes`,
        {
          details: `expected input ${inputSize} and ${outputs} outputs with matching array lengths`,
        },
      );
    }
  });
  return { inputSize, outputs };
}
