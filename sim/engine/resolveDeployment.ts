import { emissionSplitBps } from "../protocol/emissionSplitBps.ts";
import type { GovernanceDeployment, ParameterChanges } from "../protocol/governanceTypes.ts";
import type { ProtocolDeployment } from "../protocol/protocolDeployment.ts";
import { toWei } from "../protocol/tokenUnits.ts";
import type { GovernanceScenario } from "../scenario/governanceSchema.ts";
import type { Scenario } from "../scenario/scenarioSchema.ts";
import type { Population } from "./buildPopulation.ts";
import { governanceGenesisWei } from "./governanceGenesis.ts";

/** Blocks for a duration in epochs (an epoch is `tempo` blocks). */
export const epochsToBlocks = (epochs: number, tempo: number): bigint => BigInt(Math.round(epochs * tempo));

/** Tokens (wei) each agent (by slot) stakes on its own UID once it holds one: validators' stake,
 * miners' collateral. */
export function genesisStakeWei(population: Population): bigint[] {
  const stake = new Array<bigint>(population.n).fill(0n);
  for (const v of population.validators) stake[v.slot] = toWei(v.stake);
  for (const m of population.miners) stake[m.slot] = toWei(m.stake);
  return stake;
}

/**
 * THE translation of a validated scenario into the protocol's deployment, for either backend: every
 * parameter of its `protocol` section (durations in epochs become blocks at the tempo, fractions
 * basis points, tokens wei), the emission split, the slash share, the task-market users' genesis,
 * and a genesis allocation per agent (slot) of its registration funds plus the stake it puts up.
 * Every value here was bounded by the scenario schema, so the contracts accept it.
 */
export function resolveDeployment(scenario: Scenario, population: Population): ProtocolDeployment {
  const p = scenario.protocol;
  const r = p.registration;
  const funds = toWei(r.funds ?? r.maxBurn);
  const stakeWei = genesisStakeWei(population);
  // With a data market, each miner also gets the tokens it buys data with.
  const dataFunds: bigint[] = [];
  if (scenario.dataMarket !== undefined) {
    for (const m of population.miners) dataFunds[m.slot] = toWei(scenario.dataMarket.minerFunds);
  }
  // With governance, the holdings and the vote buyer's war chest.
  const governed =
    scenario.governance === undefined
      ? []
      : governanceGenesisWei(scenario.governance, population, scenario.seed);
  return {
    seed: scenario.seed,
    agents: population.n,
    emissionPerEpoch: toWei(scenario.chain.emissionPerEpoch),
    genesis: stakeWei.map((stake, slot) => funds + stake + (dataFunds[slot] ?? 0n) + (governed[slot] ?? 0n)),
    users: Array.from({ length: scenario.market.users }, () => toWei(scenario.market.balance)),
    subnet: {
      tempo: p.tempo,
      maxUids: p.maxUids === "population" ? Math.max(population.n, 1) : p.maxUids,
      maxValidators: p.maxValidators,
      revealDelayEpochs: p.revealDelayEpochs,
      ...emissionSplitBps(scenario.emissionSplit),
      slashBps: Math.round(scenario.slashing.share * 10_000),
      immunityPeriod: epochsToBlocks(p.immunityEpochs, p.tempo),
      burnHalfLife: epochsToBlocks(r.halfLifeEpochs, p.tempo),
      burnIncreaseBps: Math.round(r.increase * 10_000),
      minBurn: toWei(r.minBurn),
      maxBurn: toWei(r.maxBurn),
      initialBurn: toWei(r.initialBurn),
    },
    supplyCap: p.supplyCap === null ? undefined : toWei(p.supplyCap),
    unstakeCooldownBlocks: Number(epochsToBlocks(p.unstakeCooldownEpochs, p.tempo)),
    defaultTakeBps: Math.round(p.validatorTake * 10_000),
    epochBlocks: p.tempo,
    ...(scenario.governance === undefined
      ? {}
      : { governance: resolveGovernance(scenario.governance, p.tempo) }),
    // Delegators' accounts, in the order of their groups (only with a delegation: section).
    ...(scenario.delegation === undefined
      ? {}
      : {
          delegators: scenario.delegation.delegators.flatMap((g) =>
            Array.from({ length: g.count }, () => toWei(g.tokens)),
          ),
        }),
  };
}

/** The `governance:` section's deployment: durations in epochs become blocks at the tempo, the
 * quorum basis points, the threshold wei. */
export function resolveGovernance(g: GovernanceScenario, tempo: number): GovernanceDeployment {
  return {
    votingDelayBlocks: Number(epochsToBlocks(g.votingDelayEpochs, tempo)),
    votingPeriodBlocks: Number(epochsToBlocks(g.votingPeriodEpochs, tempo)),
    proposalThresholdWei: toWei(g.proposalThreshold),
    quorumBps: Math.round(g.quorum * 10_000),
    timelockDelayBlocks: Number(epochsToBlocks(g.timelockDelayEpochs, tempo)),
    // Left out at their defaults, so runs without them deploy as before.
    ...(g.countingMode === "quadratic" ? { counting: "quadratic" as const } : {}),
    ...(g.voteBuyer === undefined ? {} : { bribes: true }),
    // The governed Staking, Emission and registry only when a proposal can name their setters.
    ...(namesProtocolSetters(g) ? { protocolSetters: true } : {}),
  };
}

/** Whether a scheduled proposal or the vote buyer's changes the reveal delay, the take ceiling or the
 * epoch emission (GovernanceDeployment.protocolSetters). */
export function namesProtocolSetters(g: GovernanceScenario): boolean {
  const changes = [
    ...g.proposals.map((p) => p.changes),
    ...(g.voteBuyer === undefined ? [] : [g.voteBuyer.changes]),
  ];
  return changes.some(
    (c) =>
      c.revealDelayEpochs !== undefined ||
      c.maxValidatorTake !== undefined ||
      c.emissionPerEpoch !== undefined,
  );
}

/** A proposal's changes as the setters take them (fractions → basis points, epochs → blocks, tokens
 * → wei). An invalid split or share is passed through as it is: the contract reverts at execution. */
export function resolveParameterChanges(
  c: GovernanceScenario["proposals"][number]["changes"],
  tempo: number,
): ParameterChanges {
  const bps = (x: number) => Math.round(x * 10_000);
  return {
    ...(c.emissionSplit === undefined
      ? {}
      : {
          emissionSplit: {
            ownerBps: bps(c.emissionSplit.owner),
            minerBps: bps(c.emissionSplit.miners),
            validatorBps: bps(c.emissionSplit.validators),
          },
        }),
    ...(c.slashShare === undefined ? {} : { slashBps: bps(c.slashShare) }),
    ...(c.immunityEpochs === undefined ? {} : { immunityPeriod: epochsToBlocks(c.immunityEpochs, tempo) }),
    ...(c.registration === undefined
      ? {}
      : {
          registrationBurn: {
            minBurn: toWei(c.registration.minBurn),
            maxBurn: toWei(c.registration.maxBurn),
            burnIncreaseBps: bps(c.registration.increase),
            burnHalfLife: epochsToBlocks(c.registration.halfLifeEpochs, tempo),
          },
        }),
    ...(c.revealDelayEpochs === undefined ? {} : { revealDelayEpochs: c.revealDelayEpochs }),
    ...(c.maxValidatorTake === undefined ? {} : { takeCeilingBps: bps(c.maxValidatorTake) }),
    ...(c.emissionPerEpoch === undefined ? {} : { epochEmission: toWei(c.emissionPerEpoch) }),
  };
}

/** What the direct emission path pays the agents of an epoch of `emissionWei`: less the owner's cut,
 * floored as the Emission contract floors it. */
export function agentsEmissionWei(emissionWei: bigint, split: { owner?: number }): bigint {
  const ownerBps = BigInt(Math.round((split.owner ?? 0) * 10_000));
  return emissionWei - (emissionWei * ownerBps) / 10_000n;
}
