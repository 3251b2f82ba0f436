import { describe, expect, it } from "vitest";
import type { MinerStrategy, ValidatorStrategy } from "../population/agentTypes.ts";
import type { WeightSubmission } from "../protocol/protocolSession.ts";
import { createRng } from "../rng/createRng.ts";
import { parseScenario } from "../scenario/loadScenario.ts";
import { buildPopulation, type Population } from "./buildPopulation.ts";
import { flagMiners, revealPayloads } from "./slashingPhase.ts";
import { taskBatches } from "./taskMarket.ts";

const miner = (name: string): MinerStrategy => ({ name, answer: (ctx) => ctx.own });
const validator = (name: string, revise?: ValidatorStrategy["revise"]): ValidatorStrategy => ({
  name,
  chooseQueries: () => [],
  weigh: () => null,
  revise,
});

function population(minerStrategies: string[]): Population {
  const validators = [
    { uid: 0, agent: "validator-0", stake: 1, queriesPerEpoch: 1, minersPerEpoch: "all" as const },
    { uid: 1, agent: "validator-1", stake: 1, queriesPerEpoch: 1, minersPerEpoch: "all" as const },
  ].map((v, i) =>
    Object.assign(v, {
      strategy:
        i === 1
          ? validator("switcher", ({ committed }) => ({ ...committed, weights: [1, 2] }))
          : validator("honest"),
    }),
  );
  const miners = minerStrategies.map((s, i) => ({
    uid: 2 + i,
    agent: `miner-${i}`,
    tier: "random",
    weightNoise: 0,
    stake: 1,
    strategy: miner(s),
  }));
  return { validators, miners, n: 2 + miners.length } as unknown as Population;
}

describe("task batches", () => {
  it("deal the epoch's queries evenly over the users, the first ones taking the remainder", () => {
    expect(taskBatches({ users: 3, feeWei: 5n }, 11).map((b) => [b.user, b.tasks, b.fee])).toEqual([
      [0, 4, 5n],
      [1, 4, 5n],
      [2, 3, 5n],
    ]);
    expect(taskBatches({ users: 2, feeWei: 1n }, 0).map((b) => b.tasks)).toEqual([0, 0]);
  });
});

describe("reveal payloads", () => {
  it("reveal what was committed unless the strategy revises it (same salt, other weights)", () => {
    const submission = (agent: string): WeightSubmission => ({
      agent,
      address: "0x0000000000000000000000000000000000000001",
      uids: [2, 3],
      weights: [9, 9],
      salt: "0x01",
    });
    const due = [submission("validator-0"), submission("validator-1")];
    const ctx = {
      epoch: 2,
      commitEpoch: 2,
      rng: createRng(1),
      publicState: { incentive: null, consensus: null },
    };
    const revealed = revealPayloads(population(["honest"]), due, ctx);
    expect(revealed[0]).toBe(due[0]);
    expect(revealed[1]).toEqual({ ...due[1], weights: [1, 2] });
  });
});

describe("owner flags", () => {
  it("flag only miners of listed strategies, with their probability, reproducibly", () => {
    const pop = population(Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? "copycat" : "honest")));
    const config = { proveMismatches: true, flagMiners: [{ strategy: "copycat", probability: 0.25 }] };
    const flagged = flagMiners(pop, config, createRng(7).fork("slashing"));
    expect(flagged.every((uid) => (uid - 2) % 2 === 0)).toBe(true);
    expect(flagged.length).toBeGreaterThan(25); // 200 copycats at 0.25: 50 expected
    expect(flagged.length).toBeLessThan(80);
    expect(flagMiners(pop, config, createRng(7).fork("slashing"))).toEqual(flagged);
    expect(
      flagMiners(pop, { ...config, flagMiners: [{ strategy: "copycat", probability: 0 }] }, createRng(7)),
    ).toEqual([]);
    expect(
      flagMiners(pop, { ...config, flagMiners: [{ strategy: "copycat", probability: 1 }] }, createRng(7)),
    ).toHaveLength(200);
  });
});

describe("scenario sections", () => {
  const yaml = (extra: string) =>
    `name: t\npopulation:\n  miners: [{ tier: expert, count: 2, stake: 5 }]\n  validators: [{ count: 1, stake: 10 }]\n${extra}`;

  it("default to no market, a 10% slash share, the watcher on and no owner rule; miners' stake reaches the population", () => {
    const s = parseScenario(yaml(""), "t.yaml");
    expect(s.market).toEqual({ users: 0, balance: 10_000, feePerEpoch: 10 });
    expect(s.slashing).toEqual({ share: 0.1, proveMismatches: true, flagMiners: [] });
    expect(buildPopulation(s, "t.yaml").miners.map((m) => m.stake)).toEqual([5, 5]);
  });

  it("name the file and field of an owner rule for an unknown strategy, or a share of 1", () => {
    const rule = yaml("slashing:\n  flagMiners: [{ strategy: copycats, probability: 0.5 }]\n");
    expect(() => buildPopulation(parseScenario(rule, "t.yaml"), "t.yaml")).toThrow(
      /t\.yaml: slashing\.flagMiners\[0\]\.strategy: unknown strategy "copycats"/,
    );
    expect(() => parseScenario(yaml("slashing: { share: 1 }\n"), "t.yaml")).toThrow(/slashing\.share/);
  });
});
