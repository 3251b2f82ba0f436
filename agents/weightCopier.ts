import type { ValidatorStrategy } from "../sim/population/agentTypes.ts";
import { scoresToU16Weights } from "./scoresToU16Weights.ts";

/**
 * A weight copier evaluates nothing: it sends no queries and sets its weights to the previous
 * epoch's consensus (public once weights are revealed), hoping to earn dividends for free. Before
 * any consensus exists it sets nothing.
 */
export const weightCopier = (): ValidatorStrategy => ({
  name: "weight-copier",
  chooseQueries: () => [],
  weigh: ({ minerUids, publicState }) => {
    const consensus = publicState.consensus;
    if (consensus === null) return null;
    const scores = minerUids.map((uid) => consensus[uid]);
    return scores.some((s) => s > 0) ? { uids: [...minerUids], weights: scoresToU16Weights(scores) } : null;
  },
});
