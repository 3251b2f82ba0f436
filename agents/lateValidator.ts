import { z } from "zod";
import type { ValidatorStrategy } from "../sim/population/agentTypes.ts";
import { defineStrategy } from "./defineStrategy.ts";
import { honestValidatorStrategy } from "./honestValidator.ts";

export const lateValidatorParams = z.strictObject({
  startEpoch: z.int().min(0).default(10).describe("epoch from which it evaluates and sets weights"),
});

/**
 * A late big validator: staked from genesis but silent (no queries, no weights) until `startEpoch`,
 * then honest. With a large stake it tests how fast each mechanism lets a newcomer's bonds catch up
 * (kappa capture of bonds in classic Yuma; Yuma 3's relative bonds are meant to resist it).
 */
export const lateValidator = defineStrategy(lateValidatorParams, (p): ValidatorStrategy => {
  const honest = honestValidatorStrategy();
  return {
    name: "late-validator",
    chooseQueries: (ctx) => (ctx.epoch < p.startEpoch ? [] : honest.chooseQueries(ctx)),
    weigh: (ctx) => (ctx.epoch < p.startEpoch ? null : honest.weigh(ctx)),
  };
});
