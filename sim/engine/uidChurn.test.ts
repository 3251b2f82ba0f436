import { describe, expect, it } from "vitest";
import { createAlloraMechanism } from "../mechanisms/allora/createAlloraMechanism.ts";
import { alignScores } from "./alignScores.ts";
import type { AnsweredBatch } from "./answerQueries.ts";
import type { MinerSpec, Population, ValidatorSpec } from "./buildPopulation.ts";
import { initialEpochState } from "./epochState.ts";
import { fitStateToUids } from "./fitStateToUids.ts";
import { populationView, replacedUids } from "./populationView.ts";

const addr = (i: number) => `0x${(i + 1).toString(16).padStart(40, "0")}` as const;
const validator = (slot: number): ValidatorSpec => ({
  uid: slot,
  slot,
  agent: `validator-${slot}`,
  stake: 1,
  queriesPerEpoch: 1,
  minersPerEpoch: "all",
  strategy: { name: "honest", chooseQueries: () => [], weigh: () => null },
});
const miner = (slot: number, model: number, joinEpoch = 0): MinerSpec => ({
  uid: slot,
  slot,
  model,
  joinEpoch,
  agent: `miner-${model}`,
  tier: "expert",
  weightNoise: 0,
  stake: 0,
  strategy: { name: "honest", answer: (c) => c.own },
});
// validator-0, miners 0..2 at genesis, miner-3 joins later.
const full: Population = {
  validators: [validator(0)],
  miners: [miner(1, 0), miner(2, 1), miner(3, 2), miner(4, 3, 5)],
  n: 5,
};
const addresses = [0, 1, 2, 3, 4].map(addr);

describe("UIDs read from the chain", () => {
  it("an agent acts with the UID its address holds; agents without one are left out", () => {
    // miner-3 (slot 4) took UID 2 from miner-1 (slot 2).
    const view = populationView(full, addresses, {
      hotkeys: [addr(0), addr(1), addr(4), addr(3)],
      registeredAt: [1n, 1n, 9n, 1n],
    });
    expect(view.population.n).toBe(4);
    expect(view.population.miners.map((m) => [m.agent, m.uid])).toEqual([
      ["miner-0", 1],
      ["miner-2", 3],
      ["miner-3", 2],
    ]);
    expect(view.slotOf).toEqual([0, 1, 4, 3]);
    const before = populationView(full, addresses, {
      hotkeys: [addr(0), addr(1), addr(2), addr(3)],
      registeredAt: [1n, 1n, 1n, 1n],
    });
    expect(replacedUids(before, view)).toEqual([2]);
    expect(replacedUids(undefined, view)).toEqual([]);
  });

  it("the carried state grows with the subnet and forgets a replaced UID (weights, last update, mechanism)", () => {
    const allora = createAlloraMechanism();
    const state = initialEpochState({ ...full, n: 3 }, allora.initialState(3));
    state.weights.set([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    state.lastUpdate.set([10, 11, 12]);
    (state.mechanismState as { regrets: Float64Array }).regrets.set([0.1, 0.2, 0.3]);
    const grown = fitStateToUids(state, 4, [1], allora);
    expect(Array.from(grown.weights)).toEqual([0, 1, 2, 0, 0, 0, 0, 0, 6, 7, 8, 0, 0, 0, 0, 0]);
    expect(Array.from(grown.lastUpdate)).toEqual([10, 0, 12, 0]);
    expect(Array.from((grown.mechanismState as { regrets: Float64Array }).regrets)).toEqual([
      0.1,
      Number.NaN,
      0.3,
    ]);
    expect(fitStateToUids(state, 3, [], allora)).toBe(state);
  });

  it("scores answered before UIDs changed hands are re-aligned to the epoch that scores them", () => {
    const batch = {
      validatorSlots: [0],
      minerSlots: [1, 2, 3],
      minerUids: [1, 2, 3],
    } as AnsweredBatch;
    const scored = { scores: [Float64Array.from([0.9, 0.5, 0.7])], losses: Float64Array.from([1, 2, 3]) };
    const now: Population = {
      validators: [validator(0)],
      miners: [
        { ...full.miners[0], uid: 1 },
        { ...full.miners[3], uid: 2 },
        { ...full.miners[2], uid: 3 },
      ],
      n: 4,
    };
    const aligned = alignScores(scored, batch, now);
    expect(Array.from(aligned.scores[0])).toEqual([0.9, Number.NaN, 0.7]);
    expect(Array.from(aligned.losses)).toEqual([1, Number.NaN, 3]);
    const same = { ...now, miners: full.miners.slice(0, 3) };
    expect(alignScores(scored, batch, same)).toBe(scored);
  });
});
