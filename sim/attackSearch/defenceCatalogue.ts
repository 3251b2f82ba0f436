import type { Scenario } from "../scenario/scenarioSchema.ts";
import type { SetOverride } from "../scenario/setOverrides.ts";
import { strategyNameAndParams } from "../scenario/strategySpecSchema.ts";

/** A mitigation the defence report reruns the best attack under, at one setting. */
export interface Defence {
  name: string;
  /** What it sets, for the table. */
  setting: string;
  /**
   * The fields it adds to the attack and to its honest twin (the same for both), or why it does not
   * apply to this attack's scenario (then it is listed, not run).
   */
  sets(scenario: Scenario, attacker: string): SetOverride[] | { skip: string };
}

const YUMA = new Set(["yuma", "yuma-no-clip", "yuma-no-bonds"]);
const yumaOnly = (scenario: Scenario, sets: SetOverride[]) =>
  scenario.mechanism.module === undefined && YUMA.has(scenario.mechanism.name)
    ? sets
    : { skip: `a Yuma hyperparameter; the mechanism is ${scenario.mechanism.name}` };

/** The attacker's miner strategies other than honest (what an owner's detection rule would target). */
function attackerMinerStrategies(scenario: Scenario, attacker: string): string[] {
  const names = scenario.population.miners
    .filter((g) => g.operator === attacker && g.count > 0)
    .map((g) => strategyNameAndParams(g.strategy).name)
    .filter((n) => n !== "honest");
  return [...new Set(names)];
}

/**
 * The mitigations the scenario schema exposes, each at stronger-than-default settings: the
 * commit-reveal delay (protocol.revealDelayEpochs; default 0), Yuma's consensus majority κ
 * (default 0.5), its bonds penalty (default 1, already the strongest: listed, not run), the
 * slashing share alone (it bites only proven commit/reveal mismatches) and with an owner's rule that
 * flags the attacker's miner strategies (every miner staking 10 tokens as collateral), and the
 * registration burn (default 0.1 decaying to 0.0005; here never below 10).
 */
export const DEFENCES: readonly Defence[] = [
  {
    name: "reveal-delay-1",
    setting: "protocol.revealDelayEpochs = 1",
    sets: () => [{ path: "protocol.revealDelayEpochs", value: 1 }],
  },
  {
    name: "reveal-delay-3",
    setting: "protocol.revealDelayEpochs = 3",
    sets: () => [{ path: "protocol.revealDelayEpochs", value: 3 }],
  },
  {
    name: "kappa-0.67",
    setting: "mechanism.params.kappa = 0.67",
    sets: (s) => yumaOnly(s, [{ path: "mechanism.params.kappa", value: 0.67 }]),
  },
  {
    name: "kappa-0.8",
    setting: "mechanism.params.kappa = 0.8",
    sets: (s) => yumaOnly(s, [{ path: "mechanism.params.kappa", value: 0.8 }]),
  },
  {
    name: "bonds-penalty",
    setting: "mechanism.params.bondsPenalty = 1",
    sets: (s) => {
      const p = s.mechanism.params;
      if (p.bondsPenalty === undefined && p.bondsPenaltyU16 === undefined)
        return { skip: "already 1 (the chain's default, the strongest setting)" };
      return yumaOnly(s, [{ path: "mechanism.params.bondsPenalty", value: 1 }]);
    },
  },
  {
    name: "slashing-share-0.5",
    setting: "slashing.share = 0.5",
    sets: () => [{ path: "slashing.share", value: 0.5 }],
  },
  {
    name: "slashing-flag-0.5",
    setting: "slashing.share = 0.5; flagMiners: the attacker's miner strategies, p = 0.5; miners stake 10",
    sets: (s, attacker) => {
      const targets = attackerMinerStrategies(s, attacker);
      if (targets.length === 0) return { skip: "the attacker's miners are honest: nothing to flag" };
      return [
        { path: "slashing.share", value: 0.5 },
        { path: "slashing.flagMiners", value: targets.map((strategy) => ({ strategy, probability: 0.5 })) },
        ...s.population.miners.map((_, i) => ({ path: `population.miners[${i}].stake`, value: 10 })),
      ];
    },
  },
  {
    name: "registration-burn-10",
    setting: "protocol.registration.initialBurn = minBurn = 10",
    sets: () => [
      { path: "protocol.registration.initialBurn", value: 10 },
      { path: "protocol.registration.minBurn", value: 10 },
    ],
  },
];
