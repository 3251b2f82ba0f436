import type { MinerStrategy, StrategyFactory, ValidatorStrategy } from "../sim/population/agentTypes.ts";
import { honestMiner } from "./honestMiner.ts";
import { honestValidator } from "./honestValidator.ts";

/** Strategies by the name scenario files use. Adversaries register here too. */
export const minerStrategies: Record<string, StrategyFactory<MinerStrategy>> = {
  honest: honestMiner,
};

export const validatorStrategies: Record<string, StrategyFactory<ValidatorStrategy>> = {
  honest: honestValidator,
};
