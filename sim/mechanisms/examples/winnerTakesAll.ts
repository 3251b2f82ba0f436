import type { Mechanism, MechanismInput } from "../mechanism.ts";
import { computeStakeWeightedMean } from "../stakeWeightedMean.ts";

/**
 * An example user mechanism (`mechanism: { module: ./winnerTakesAll.ts, params: { share: 0.8 } }`):
 * the miner with the highest stake-weighted mean weight takes `share` of the miner emission, the
 * rest is split as in the stake-weighted mean. A scenario names the file; Crucible imports it and
 * runs it as code.
 */
export default function createWinnerTakesAll(params: { share?: number }): Mechanism<undefined> {
  const share = params.share ?? 1;
  return {
    name: "winner-takes-all",
    initialState: () => undefined,
    epoch(input: MechanismInput) {
      const base = computeStakeWeightedMean(input);
      let best = -1;
      for (let j = 0; j < input.n; j++)
        if (base.incentive[j] > 0 && (best < 0 || base.incentive[j] > base.incentive[best])) best = j;
      const incentive = base.incentive.map((x) => x * (1 - share));
      if (best >= 0) incentive[best] += share;
      return { output: { ...base, incentive }, state: undefined };
    },
  };
}
