import { z } from "zod";
import type { ValidatorStrategy } from "../sim/population/agentTypes.ts";
import { boostTeamRow } from "./boostTeamRow.ts";
import { defineStrategy } from "./defineStrategy.ts";
import { honestValidatorStrategy } from "./honestValidator.ts";
import { teamMinerSet } from "./teamMiners.ts";

export const selfDealerParams = z.strictObject({
  selfWeight: z
    .boolean()
    .default(true)
    .describe(
      "also put the row's top weight on its own UID (the mechanism's self-weight mask should drop it)",
    ),
});

/**
 * Validator–miner self-dealing: a validator scores honestly but raises its own operator's miners to
 * the top of its row (everyone else keeps the honest score), and with `selfWeight` also weights
 * itself. Unlike a cabal it does not push others down: the question is whether one validator's row
 * lifts its own miner past consensus clipping, and whether the self-weight mask shows.
 */
export const selfDealer = defineStrategy(selfDealerParams, (p): ValidatorStrategy => {
  const honest = honestValidatorStrategy();
  return {
    ...honest,
    name: "self-dealer",
    weigh: ({ scores, minerUids, team }) =>
      boostTeamRow(scores, minerUids, teamMinerSet(team), {
        teamScore: 1,
        othersFactor: 1,
        extra: p.selfWeight && team !== undefined ? [team.uid] : [],
      }),
  };
});
