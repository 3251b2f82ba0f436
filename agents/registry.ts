import type { MinerStrategy, ValidatorStrategy } from "../sim/population/agentTypes.ts";
import { adaptiveMiner } from "./adaptiveMiner.ts";
import { cabalValidator } from "./cabalValidator.ts";
import { copycatMiner } from "./copycatMiner.ts";
import type { StrategyEntry } from "./defineStrategy.ts";
import { equivocator } from "./equivocator.ts";
import { honestMiner } from "./honestMiner.ts";
import { honestValidator } from "./honestValidator.ts";
import { lateValidator } from "./lateValidator.ts";
import { lazyValidator } from "./lazyValidator.ts";
import { plagiarist } from "./plagiarist.ts";
import { randomMiner } from "./randomMiner.ts";
import { selfDealer } from "./selfDealer.ts";
import { staleMiner } from "./staleMiner.ts";
import { sybilMiner } from "./sybilMiner.ts";
import { underWeighter } from "./underWeighter.ts";
import { voteBuyer } from "./voteBuyer.ts";
import { weightCopier } from "./weightCopier.ts";

/**
 * Miner strategies by the name scenario files use (`population.miners[].strategy`: the name, or
 * `{ name, params }` checked against the entry's params schema).
 */
export const minerStrategies: Record<string, StrategyEntry<MinerStrategy>> = {
  honest: honestMiner,
  copycat: copycatMiner,
  random: randomMiner,
  stale: staleMiner,
  plagiarist,
  sybil: sybilMiner,
  adaptive: adaptiveMiner,
};

/** Validator strategies by the name scenario files use (`population.validators[].strategy`). */
export const validatorStrategies: Record<string, StrategyEntry<ValidatorStrategy>> = {
  honest: honestValidator,
  "weight-copier": weightCopier,
  equivocator,
  cabal: cabalValidator,
  "self-dealer": selfDealer,
  "under-weighter": underWeighter,
  "lazy-validator": lazyValidator,
  "late-validator": lateValidator,
  "vote-buyer": voteBuyer,
};
