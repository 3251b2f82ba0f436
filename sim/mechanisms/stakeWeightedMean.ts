import type { Mechanism, MechanismInput, MechanismOutput } from "./mechanism.ts";

/**
 * The naive baseline: no consensus, no bonds. Each validator's row is normalised to sum to 1; a
 * miner's incentive is the stake-weighted mean of the rows; a validator's dividend is its share of
 * the stake of validators that set weights.
 */
export const stakeWeightedMean: Mechanism<undefined> = {
  name: "stake-weighted-mean",
  initialState: () => undefined,
  epoch(input: MechanismInput) {
    return { output: computeStakeWeightedMean(input), state: undefined };
  },
};

export function computeStakeWeightedMean({ n, stake, weights }: MechanismInput): MechanismOutput {
  const incentive = new Float64Array(n);
  const dividends = new Float64Array(n);
  const validatorTrust = new Float64Array(n);
  let activeStake = 0;
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let j = 0; j < n; j++) rowSum += weights[i * n + j];
    if (rowSum <= 0 || stake[i] <= 0) continue;
    activeStake += stake[i];
    dividends[i] = stake[i];
    validatorTrust[i] = 1;
    for (let j = 0; j < n; j++) incentive[j] += (stake[i] * weights[i * n + j]) / rowSum;
  }
  if (activeStake > 0) {
    for (let j = 0; j < n; j++) {
      incentive[j] /= activeStake;
      dividends[j] /= activeStake;
    }
  }
  return { incentive, dividends, consensus: incentive.slice(), validatorTrust };
}
