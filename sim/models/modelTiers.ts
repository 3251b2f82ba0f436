/** How much training a quality tier gets; more budget, better held-out accuracy. */
export interface TierBudget {
  hidden: number;
  steps: number;
  batchSize: number;
  learningRate: number;
}

/**
 * The built-in quality tiers, with held-out accuracy measured over six seeds on wasm: `expert` ~92%
 * (300 steps, ~1.1 s), `average` ~71%, `poor` ~34% (a smaller model), `random` never trained (~8-10%).
 * Keep total first-run training to a few seconds on 2 cores.
 */
export const MODEL_TIERS: Readonly<Record<string, TierBudget>> = {
  expert: { hidden: 64, steps: 300, batchSize: 64, learningRate: 0.002 },
  average: { hidden: 64, steps: 20, batchSize: 32, learningRate: 0.002 },
  poor: { hidden: 32, steps: 6, batchSize: 32, learningRate: 0.002 },
  random: { hidden: 32, steps: 0, batchSize: 32, learningRate: 0.002 },
};
