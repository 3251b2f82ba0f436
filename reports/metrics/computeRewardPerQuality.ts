export interface RewardPerQuality {
  /** Miners counted: those with a finite, positive true accuracy. */
  miners: number;
  /** Σ reward / Σ accuracy: tokens paid per unit (1.0 = 100 %) of true held-out accuracy. */
  overall: number | null;
  /**
   * Coefficient of variation (population standard deviation / mean) of each miner's
   * reward ÷ accuracy. 0 means every miner is paid the same per unit of quality.
   */
  spread: number | null;
}

/**
 * Reward per unit of true quality over miners, where quality is the true held-out accuracy of the
 * miner's model. Pure; miners with a non-finite or non-positive accuracy are left out.
 */
export function computeRewardPerQuality(
  miners: readonly { totalReward: number; trueQuality: number }[],
): RewardPerQuality {
  const counted = miners.filter((m) => Number.isFinite(m.trueQuality) && m.trueQuality > 0);
  if (counted.length === 0) return { miners: 0, overall: null, spread: null };
  const reward = counted.reduce((s, m) => s + m.totalReward, 0);
  const quality = counted.reduce((s, m) => s + m.trueQuality, 0);
  const ratios = counted.map((m) => m.totalReward / m.trueQuality);
  const mean = ratios.reduce((s, r) => s + r, 0) / ratios.length;
  const sd = Math.sqrt(ratios.reduce((s, r) => s + (r - mean) ** 2, 0) / ratios.length);
  return { miners: counted.length, overall: reward / quality, spread: mean === 0 ? null : sd / mean };
}
