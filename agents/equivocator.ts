import { z } from "zod";
import type { ValidatorStrategy, WeightVector } from "../sim/population/agentTypes.ts";
import { defineStrategy } from "./defineStrategy.ts";
import { honestValidatorStrategy } from "./honestValidator.ts";

/**
 * An equivocator evaluates and commits like an honest validator, then at reveal time switches to a
 * row that puts all its weight on one miner (the lowest UID it weighed: a colluding partner). The
 * chain rejects the reveal (RevealMismatch) and the signed payload proves the mismatch, so a
 * watcher can have its stake slashed. When the switched row equals the committed one it reveals
 * as committed.
 */
export const equivocatorStrategy = (): ValidatorStrategy => {
  const honest = honestValidatorStrategy();
  return {
    ...honest,
    name: "equivocator",
    revise: ({ committed }) => {
      const favoured: WeightVector = {
        uids: [...committed.uids],
        weights: committed.uids.map((_, i) => (i === 0 ? 65535 : 0)),
      };
      return favoured.weights.every((w, i) => w === committed.weights[i]) ? null : favoured;
    },
  };
};

export const equivocator = defineStrategy(z.strictObject({}), equivocatorStrategy);
