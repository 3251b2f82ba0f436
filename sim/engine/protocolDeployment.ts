import type { SubnetParams } from "../chain/subnetParams.ts";
import type { Scenario } from "../scenario/scenarioSchema.ts";
import type { Population } from "./buildPopulation.ts";
import { emissionSplitBps } from "./emissionSplitBps.ts";
import type { StartProtocolSessionOptions } from "./startProtocolSession.ts";
import { toWei } from "./tokenUnits.ts";

/** Blocks for a duration in epochs (an epoch is `tempo` blocks). */
export const epochsToBlocks = (epochs: number, tempo: number): bigint => BigInt(Math.round(epochs * tempo));

/** Tokens each agent receives at genesis for its registration burn (default: maxBurn), in wei. */
export function registrationFundsWei(scenario: Scenario): bigint {
  const r = scenario.protocol.registration;
  return toWei(r.funds ?? r.maxBurn);
}

/** Subnet 0's hyperparameters as the scenario's `protocol`, `chain` and `emissionSplit` set them. */
export function scenarioSubnetParams(
  scenario: Scenario,
  agents: number,
): Partial<Omit<SubnetParams, "owner">> {
  const p = scenario.protocol;
  const r = p.registration;
  return {
    tempo: p.tempo,
    maxUids: p.maxUids === "population" ? Math.max(agents, 1) : p.maxUids,
    maxValidators: p.maxValidators,
    revealDelayEpochs: scenario.chain.revealDelayEpochs,
    ...emissionSplitBps(scenario.emissionSplit),
    immunityPeriod: epochsToBlocks(p.immunityEpochs, p.tempo),
    burnHalfLife: epochsToBlocks(r.halfLifeEpochs, p.tempo),
    burnIncreaseBps: Math.round(r.increase * 10_000),
    minBurn: toWei(r.minBurn),
    maxBurn: toWei(r.maxBurn),
    initialBurn: toWei(r.initialBurn),
  };
}

/**
 * How `runScenario` deploys the protocol for a scenario: every parameter of its `protocol` section,
 * epochs aligned to `tempo` blocks, and a genesis allocation per agent (slot) of its registration
 * funds plus `stakeWei[slot]`, the stake it puts up.
 */
export function protocolSessionOptions(
  scenario: Scenario,
  population: Population,
  stakeWei: readonly bigint[],
): StartProtocolSessionOptions {
  const p = scenario.protocol;
  const funds = registrationFundsWei(scenario);
  const genesis = Array.from({ length: population.n }, (_, slot) => funds + (stakeWei[slot] ?? 0n));
  return {
    seed: scenario.seed,
    agents: population.n,
    emissionPerEpoch: toWei(scenario.chain.emissionPerEpoch),
    revealDelayEpochs: scenario.chain.revealDelayEpochs,
    subnet: scenarioSubnetParams(scenario, population.n),
    genesis,
    supplyCap: p.supplyCap === null ? undefined : toWei(p.supplyCap),
    unstakeCooldownBlocks: Number(epochsToBlocks(p.unstakeCooldownEpochs, p.tempo)),
    defaultTakeBps: Math.round(p.validatorTake * 10_000),
    epochBlocks: p.tempo,
  };
}

/** What the direct emission path pays the agents of an epoch of `emissionWei`: less the owner's cut,
 * floored as the Emission contract floors it. */
export function agentsEmissionWei(emissionWei: bigint, split: { owner?: number }): bigint {
  const ownerBps = BigInt(Math.round((split.owner ?? 0) * 10_000));
  return emissionWei - (emissionWei * ownerBps) / 10_000n;
}
