import { describe, expect, it } from "vitest";
import { parseScenario } from "../scenario/loadScenario.ts";
import { applyScenarioPatch } from "../scenario/scenarioPatch.ts";
import { changedPaths, checkForkChange } from "./checkForkChange.ts";

const BASE = `name: base
seed: 1
epochs: 10
population:
  miners: [{ tier: random, count: 2 }]
  validators: [{ count: 1, stake: 10 }]
chain: { backend: memory }
`;
const parent = parseScenario(BASE, "base.yaml");
const patched = (patch: Record<string, unknown>) =>
  parseScenario(JSON.stringify(applyScenarioPatch(JSON.parse(JSON.stringify(parent)), patch)), "patch.yaml");

describe("checkForkChange", () => {
  it("lists changed leaves by path, arrays by index", () => {
    expect(changedPaths({ a: { b: [1, 2] }, c: 1 }, { a: { b: [1, 3, 4] }, c: 1 })).toEqual([
      "a.b[1]",
      "a.b[2]",
    ]);
    expect(changedPaths(parent, parent)).toEqual([]);
  });

  it("lets parameters change, a mechanism switch, and miner groups added at or after the fork epoch", () => {
    expect(checkForkChange(parent, parent, 5)).toEqual({ addedMinerGroups: [], mechanismSwitched: false });
    expect(checkForkChange(parent, patched({ chain: { emissionPerEpoch: 5 } }), 5).mechanismSwitched).toBe(
      false,
    );
    expect(
      checkForkChange(parent, patched({ mechanism: { name: "stake-weighted-mean" } }), 5).mechanismSwitched,
    ).toBe(true);
    const added = patched({
      operators: [{ name: "shop" }],
      population: {
        miners: [{ tier: "random", count: 1, strategy: "copycat", operator: "shop", joinEpoch: 7 }],
      },
    });
    expect(checkForkChange(parent, added, 5)).toEqual({ addedMinerGroups: [1], mechanismSwitched: false });
  });

  it("refuses, naming the first field, what a fork cannot change", () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ seed: 2 }, /^crucible fork: seed cannot change/],
      [{ task: { kind: "forecasting" } }, /^crucible fork: task\.kind cannot change/],
      [
        { population: { validators: [{ count: 1, stake: 1 }] } },
        /population\.validators\[1\] cannot change .*validators hold the first slots/,
      ],
      [
        { population: { miners: [{ tier: "random", count: 1 }] } },
        /population\.miners\[1\]\.joinEpoch: 0 is before the fork epoch 5/,
      ],
      [{ governance: { proposals: [] } }, /^crucible fork: governance/],
    ];
    for (const [patch, message] of cases)
      expect(() => checkForkChange(parent, patched(patch), 5)).toThrow(message);
    const fewer = { ...parent, population: { ...parent.population, miners: [] } };
    expect(() => checkForkChange(parent, fewer, 5)).toThrow(
      /population\.miners\[0\] cannot change at a fork \(a fork cannot remove/,
    );
  });

  it("on anvil, refuses fields deployed into the contracts (the loaded chain keeps the parent's)", () => {
    const anvil = { ...parent, chain: { ...parent.chain, backend: "anvil" as const } };
    const emission = { ...anvil, chain: { ...anvil.chain, emissionPerEpoch: 5 } };
    expect(() => checkForkChange(anvil, emission, 5)).toThrow(
      /chain\.emissionPerEpoch cannot change at a fork \(on anvil/,
    );
    const swm = { ...anvil, mechanism: { ...anvil.mechanism, name: "stake-weighted-mean" } };
    expect(checkForkChange(anvil, swm, 5).mechanismSwitched).toBe(true);
  });
});
