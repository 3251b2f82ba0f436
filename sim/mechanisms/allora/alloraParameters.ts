import { z } from "zod";

/**
 * Parameters of the Allora-style regret mechanism, defaults from allora-chain's
 * `x/emissions/types/params.go` (reference/mechanisms.md §4) where it has them.
 */
export const alloraParametersSchema = z.strictObject({
  /** EMA rate of a worker's regret R ← α (L − L_j) + (1 − α) R. */
  alphaRegret: z.number().gt(0).max(1).default(0.1),
  /** Sharpness p and offset c of the regret → weight map φ'_{p,c}. */
  pNorm: z.number().positive().default(3),
  cNorm: z.number().default(0.75),
  /** Added to the standard deviation before normalising regrets and scores. */
  epsilon: z.number().positive().default(1e-4),
  /** Inferer reward M(T) = ln(1 + e^{p (T/(σ+ε) − c)}). */
  pRewardInference: z.number().positive().default(1),
  cRewardInference: z.number().default(0.75),
  /** Reputer reward ∝ (stake · score)^p with score 1 / (relative distance to consensus + ε). */
  pRewardReputer: z.number().positive().default(3),
  epsilonReputer: z.number().positive().default(0.01),
});

export type AlloraParameters = z.output<typeof alloraParametersSchema>;
export type AlloraParametersInput = z.input<typeof alloraParametersSchema>;
