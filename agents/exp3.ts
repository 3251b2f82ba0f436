import type { Rng } from "../sim/rng/createRng.ts";

/**
 * EXP3 (Auer et al. 2002), the adversarial multi-armed bandit: K arms with weights; each round it
 * draws an arm from p_i = (1 − γ) w_i / Σw + γ / K, and a payoff x ∈ [0, 1] observed for arm j
 * multiplies w_j by exp(γ x / (p_j K)). Weights are rescaled so the largest is 1 (no overflow).
 */
export interface Exp3 {
  probabilities(): number[];
  draw(rng: Rng): number;
  update(arm: number, payoff: number, probability: number): void;
  /** The arms' weights (a checkpoint), and the same put back. */
  saveState(): number[];
  loadState(weights: readonly number[]): void;
}

export function createExp3(arms: number, gamma: number): Exp3 {
  const w = new Array<number>(arms).fill(1);
  const probabilities = () => {
    const total = w.reduce((s, x) => s + x, 0);
    return w.map((x) => (1 - gamma) * (x / total) + gamma / arms);
  };
  return {
    probabilities,
    draw(rng) {
      const p = probabilities();
      let u = rng.float();
      for (let i = 0; i < arms; i++) {
        u -= p[i];
        if (u < 0) return i;
      }
      return arms - 1;
    },
    update(arm, payoff, probability) {
      const x = Math.min(1, Math.max(0, payoff));
      w[arm] *= Math.exp((gamma * x) / (probability * arms));
      const max = Math.max(...w);
      for (let i = 0; i < arms; i++) w[i] /= max;
    },
    saveState: () => [...w],
    loadState(weights) {
      w.splice(0, w.length, ...weights);
    },
  };
}
