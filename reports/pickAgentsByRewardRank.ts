/**
 * Picks at most `max` agents spread evenly over the reward ranking (always the lowest and highest
 * earner), so a chart of thousands of agents still shows the whole spread. Deterministic: ties are
 * broken by agent name. Returns the picked names in ranking order (lowest reward first).
 */
export function pickAgentsByRewardRank(
  agents: readonly { agent: string; totalReward: number }[],
  max: number,
): string[] {
  const ranked = [...agents].sort((a, b) => a.totalReward - b.totalReward || a.agent.localeCompare(b.agent));
  if (ranked.length <= max) return ranked.map((a) => a.agent);
  if (max <= 0) return [];
  if (max === 1) return [ranked[ranked.length - 1].agent];
  const picked: string[] = [];
  for (let k = 0; k < max; k++) {
    picked.push(ranked[Math.round((k * (ranked.length - 1)) / (max - 1))].agent);
  }
  return picked;
}
