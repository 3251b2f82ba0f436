/**
 * A yield-seeking staker's choice (issue 21, "stakers that move TAO between subnets by expected
 * yield, with inertia and swap costs"): with probability `inertia` it keeps its position; otherwise it
 * moves to the subnet with the best expected yield when that beats its current one by more than
 * `switchCost` (the round trip's fees and slippage, as a yield). Without a position it always picks
 * the best. Ties go to the lowest index. Pure: `draw` is the run's uniform draw in [0, 1).
 */
export function chooseStakeSubnet(
  current: number | null,
  expectedYield: readonly number[],
  inertia: number,
  switchCost: number,
  draw: number,
): number | null {
  if (expectedYield.length === 0) return current;
  let best = 0;
  for (let i = 1; i < expectedYield.length; i++) if (expectedYield[i] > expectedYield[best]) best = i;
  if (current === null) return best;
  if (draw < inertia) return current;
  return expectedYield[best] - expectedYield[current] > switchCost ? best : current;
}
