import { z } from "zod";
import { defineStrategy } from "./defineStrategy.ts";
import { honestValidatorStrategy } from "./honestValidator.ts";

/**
 * A vote buyer (issue 23): a validator that sets weights as an honest one does, and in governance
 * proposes a change that pays it more and buys the votes to pass it (`governance.voteBuyer` names it;
 * its bribes are planned by `planBribes`, agents/planBribes.ts). The strategy's name marks it an
 * adversary, so its bribes (in its cost) and its income after the change are in the attack profit.
 */
export const voteBuyer = defineStrategy(z.strictObject({}), () => ({
  ...honestValidatorStrategy(),
  name: "vote-buyer",
}));
