import { describe, expect, it } from "vitest";
import { parseScenario } from "../scenario/loadScenario.ts";
import { buildPopulation } from "./buildPopulation.ts";
import { agentsEmissionWei, resolveDeployment } from "./resolveDeployment.ts";

const TOKEN = 10n ** 18n;
const scenario = parseScenario(
  `name: t
population:
  miners: [{ tier: expert, count: 2 }, { tier: poor, count: 1, joinEpoch: 3 }]
  validators: [{ count: 1, stake: 10 }]
slashing: { share: 0.25 }
market: { users: 2, balance: 40 }
emissionSplit: { owner: 0.18, miners: 0.41, validators: 0.41 }
protocol:
  tempo: 30
  revealDelayEpochs: 3
  supplyCap: 21000000
  maxUids: 3
  maxValidators: 8
  immunityEpochs: 2.5
  validatorTake: 0.09
  unstakeCooldownEpochs: 4
  registration: { initialBurn: 1, minBurn: 0.5, maxBurn: 7, halfLifeEpochs: 0.5, increase: 2, funds: 3 }
`,
  "t.yaml",
);

describe("the scenario's protocol section as deployment parameters", () => {
  it("converts epochs to blocks at the tempo, fractions to basis points, tokens to wei", () => {
    const population = buildPopulation(scenario, "t.yaml");
    const o = resolveDeployment(scenario, population);
    expect(o.epochBlocks).toBe(30);
    expect(o.subnet).toMatchObject({
      tempo: 30,
      maxUids: 3,
      maxValidators: 8,
      ownerBps: 1_800,
      minerBps: 4_100,
      validatorBps: 4_100,
      immunityPeriod: 75n,
      burnHalfLife: 15n,
      burnIncreaseBps: 20_000,
      initialBurn: TOKEN,
      minBurn: TOKEN / 2n,
      maxBurn: 7n * TOKEN,
      revealDelayEpochs: 3,
      slashBps: 2_500,
    });
    expect(o.users).toEqual([40n * TOKEN, 40n * TOKEN]);
    expect(o.supplyCap).toBe(21_000_000n * TOKEN);
    expect(o.unstakeCooldownBlocks).toBe(120);
    expect(o.defaultTakeBps).toBe(900);
    // Every agent (late joiners too) gets its registration funds; the validator its stake on top.
    expect(o.genesis).toEqual([13n * TOKEN, 3n * TOKEN, 3n * TOKEN, 3n * TOKEN]);
  });

  it("defaults: one UID per agent, funds = maxBurn, no cap", () => {
    const plain = parseScenario(
      "name: t\npopulation:\n  miners: [{ tier: expert, count: 2 }]\n  validators: [{ count: 1, stake: 10 }]\n",
      "t.yaml",
    );
    const o = resolveDeployment(plain, buildPopulation(plain, "t.yaml"));
    expect(o.subnet?.maxUids).toBe(3);
    expect(o.genesis).toEqual([110n * TOKEN, 100n * TOKEN, 100n * TOKEN]); // the validator stakes 10
    expect(o.supplyCap).toBeUndefined();
    expect(o.subnet?.immunityPeriod).toBe(240n);
    expect(o.subnet?.revealDelayEpochs).toBe(0);
    expect(o.users).toEqual([]);
  });

  it("the direct path pays agents the emission less the owner's cut, floored like the contract", () => {
    expect(agentsEmissionWei(1000n * TOKEN, { owner: 0.18 })).toBe(820n * TOKEN);
    expect(agentsEmissionWei(7n, { owner: 0.18 })).toBe(6n); // the cut 7 · 1800 / 10000 floors to 1
    expect(agentsEmissionWei(1000n, {})).toBe(1000n);
  });
});
