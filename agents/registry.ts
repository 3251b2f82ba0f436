import type { MinerStrategy, StrategyFactory, ValidatorStrategy } from "../sim/population/agentTypes.ts";
import { copycatMiner } from "./copycatMiner.ts";
import { equivocator } from "./equivocator.ts";
import { honestMiner } from "./honestMiner.ts";
import { honestValidator } from "./honestValidator.ts";
import { randomMiner } from "./randomMiner.ts";
import { staleMiner } from "./staleMiner.ts";
import { weightCopier } from "./weightCopier.ts";

/** Miner strategies by the name scenario files use (`population.miners[].strategy`). */
export const minerStrategies: Record<string, StrategyFactory<MinerStrategy>> = {
  honest: honestMiner,
  copycat: copycatMiner,
  random: randomMiner,
  stale: staleMiner,
};

/** Validator strategies by the name scenario files use (`population.validators[].strategy`). */
export const validatorStrategies: Record<string, StrategyFactory<ValidatorStrategy>> = {
  honest: honestValidator,
  "weight-copier": weightCopier,
  equivocator,
};
