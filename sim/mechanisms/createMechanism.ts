import type { z } from "zod";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { formatPath } from "../scenario/loadScenario.ts";
import { alloraParametersSchema } from "./allora/alloraParameters.ts";
import { createAlloraMechanism } from "./allora/createAlloraMechanism.ts";
import type { Mechanism } from "./mechanism.ts";
import { stakeWeightedMean } from "./stakeWeightedMean.ts";
import { createYumaMechanism } from "./yuma/createYumaMechanism.ts";
import type { YumaVariant } from "./yuma/yumaEpochTypes.ts";
import { yumaHyperparametersSchema } from "./yuma/yumaHyperparameters.ts";

export const MECHANISM_NAMES = [
  "yuma",
  "yuma-no-clip",
  "yuma-no-bonds",
  "stake-weighted-mean",
  "allora-regret",
] as const;
export type MechanismName = (typeof MECHANISM_NAMES)[number];

/** The Yuma variants by registry name. */
export const YUMA_VARIANTS: Readonly<Record<string, YumaVariant>> = {
  yuma: { clip: true, bonds: true },
  "yuma-no-clip": { clip: false, bonds: true },
  "yuma-no-bonds": { clip: true, bonds: false },
};

export interface CreateMechanismOptions {
  /** Prefix for error messages (the scenario file). */
  readonly file?: string;
}

/**
 * The built-in mechanisms by name, for scenario files (`mechanism: { name, params }`):
 * - `yuma`: Yuma Consensus, classic or Yuma 3 (`params.yuma3`), every chain hyperparameter settable;
 * - `yuma-no-clip`: Yuma without clipping at consensus (incentive = stake-weighted mean of weights);
 * - `yuma-no-bonds`: Yuma without bonds (dividends ∝ active stake × validator trust);
 * - `stake-weighted-mean`: the naive baseline (no consensus, no bonds; takes no params);
 * - `allora-regret`: Allora-style regret-weighted rewards for forecasting tasks (uses `input.losses`).
 * Bad names or params throw `CRUCIBLE_MECHANISM_INVALID` naming `mechanism.params.<field>`.
 */
export function createMechanism(
  name: string,
  params: Record<string, unknown> = {},
  options: CreateMechanismOptions = {},
): Mechanism<unknown> {
  const where = options.file ? `${options.file}: ` : "";
  if (name === "stake-weighted-mean") {
    if (Object.keys(params).length > 0) {
      throw new CrucibleError(
        "CRUCIBLE_MECHANISM_INVALID",
        `${where}mechanism.params: stake-weighted-mean takes no parameters`,
      );
    }
    return stakeWeightedMean as Mechanism<unknown>;
  }
  if (name === "allora-regret") {
    const parsed = alloraParametersSchema.safeParse(params);
    if (!parsed.success) throw paramsError(where, parsed.error);
    return createAlloraMechanism(parsed.data) as Mechanism<unknown>;
  }
  const variant = Object.hasOwn(YUMA_VARIANTS, name) ? YUMA_VARIANTS[name] : undefined;
  if (!variant) {
    throw new CrucibleError(
      "CRUCIBLE_MECHANISM_INVALID",
      `${where}mechanism.name: unknown mechanism "${name}", expected one of ${MECHANISM_NAMES.join("|")} (or mechanism.module)`,
    );
  }
  const parsed = yumaHyperparametersSchema.safeParse(params);
  if (!parsed.success) throw paramsError(where, parsed.error);
  return createYumaMechanism(params, variant, name) as Mechanism<unknown>;
}

function paramsError(where: string, error: z.ZodError): CrucibleError {
  const lines = error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      return `${where}${issue.keys.map((k) => `mechanism.params.${k}`).join(", ")}: unknown field`;
    }
    const path = formatPath(["mechanism", "params", ...issue.path]);
    return `${where}${path}: ${issue.message.replace(/^Invalid (input|option): /, "")}`;
  });
  return new CrucibleError("CRUCIBLE_MECHANISM_INVALID", lines[0], { details: lines.join("\n") });
}
