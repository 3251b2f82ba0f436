import { CrucibleError } from "../../../errors/CrucibleError.ts";
import type { YumaEpochInput, YumaEpochResult, YumaVariant } from "../yumaEpochTypes.ts";
import type { YumaHyperparameters } from "../yumaHyperparameters.ts";

export function runYumaEpochFixed(
  _input: YumaEpochInput,
  _params: YumaHyperparameters,
  _variant?: YumaVariant,
): YumaEpochResult {
  throw new CrucibleError("CRUCIBLE_MECHANISM_INVALID", "fixed arithmetic is not implemented yet");
}
