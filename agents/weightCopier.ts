import { z } from "zod";
import type { PublicState, ValidatorStrategy } from "../sim/population/agentTypes.ts";
import type { Rng } from "../sim/rng/createRng.ts";
import { defineStrategy } from "./defineStrategy.ts";
import { scoresToU16Weights } from "./scoresToU16Weights.ts";

export const weightCopierParams = z.strictObject({
  source: z
    .enum(["consensus", "latest-row"])
    .default("consensus")
    .describe(
      "what it copies: the previous epoch's consensus, or the latest revealed weight row of another validator (the one with the most weight on the chain's rows: `from`, or the lowest other UID with a row)",
    ),
  from: z.int().min(0).optional().describe("latest-row: the UID of the validator whose row it copies"),
  noise: z
    .number()
    .min(0)
    .default(0)
    .describe("std-dev of seeded Gaussian noise on each copied weight, relative to the row's largest"),
});

/**
 * A weight copier evaluates nothing: it sends no queries and sets its weights to what is public
 * once weights are revealed: the previous epoch's consensus (default) or another validator's latest
 * revealed row, optionally with noise to hide the copy, hoping to earn dividends for free. Before
 * anything is public it sets nothing.
 */
export const weightCopier = defineStrategy(
  weightCopierParams,
  (p): ValidatorStrategy => ({
    name: "weight-copier",
    chooseQueries: () => [],
    weigh: ({ minerUids, publicState, rng, team }) => {
      const source =
        p.source === "consensus" ? publicState.consensus : copiedRow(publicState, p.from, team?.uid);
      if (source === null) return null;
      const scores = minerUids.map((uid) => withNoise(source[uid] ?? 0, p.noise, rng));
      return scores.some((s) => s > 0) ? { uids: [...minerUids], weights: scoresToU16Weights(scores) } : null;
    },
  }),
);

function withNoise(x: number, noise: number, rng: Rng): number {
  return noise === 0 ? x : Math.max(0, x * (1 + noise * rng.normal()));
}

/** The latest revealed row of `from` (or of the lowest UID other than `self` with a row), by UID. */
function copiedRow(state: PublicState, from: number | undefined, self: number | undefined) {
  const w = state.weights;
  if (w === undefined) return null;
  const hasRow = (uid: number) => w.rows.subarray(uid * w.n, (uid + 1) * w.n).some((x) => x > 0);
  let uid = from;
  if (uid === undefined) {
    for (let u = 0; u < w.n; u++) {
      if (u !== self && hasRow(u)) {
        uid = u;
        break;
      }
    }
  }
  if (uid === undefined || uid >= w.n || !hasRow(uid)) return null;
  return w.rows.subarray(uid * w.n, (uid + 1) * w.n);
}
