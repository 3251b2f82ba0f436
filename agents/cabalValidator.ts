import { z } from "zod";
import type { ValidatorStrategy } from "../sim/population/agentTypes.ts";
import { boostTeamRow } from "./boostTeamRow.ts";
import { defineStrategy } from "./defineStrategy.ts";
import { honestValidatorStrategy } from "./honestValidator.ts";
import { teamMinerSet } from "./teamMiners.ts";

export const cabalParams = z.strictObject({
  push: z
    .number()
    .min(0)
    .max(1)
    .default(1)
    .describe(
      "how hard it pushes: its operator's miners get the top weight, every other miner its honest score times (1 − push); 0 is honest scoring with the cabal's miners at the top",
    ),
});

/**
 * A cabal validator (mechanisms.md §3, the cartel that Yuma's κ-clipping is meant to stop): it queries
 * and scores like an honest validator, then weights its operator's miners at the top and everyone
 * else below the truth. How much stake and which miners the cabal holds is the scenario's
 * `operators:` section; this is only how each of its validators votes.
 */
export const cabalValidator = defineStrategy(cabalParams, (p): ValidatorStrategy => {
  const honest = honestValidatorStrategy();
  return {
    ...honest,
    name: "cabal",
    weigh: ({ scores, minerUids, team }) =>
      boostTeamRow(scores, minerUids, teamMinerSet(team), { teamScore: 1, othersFactor: 1 - p.push }),
  };
});
