import { describe, expect, it } from "vitest";
import { applyConstraints, expandSweep, parameterValues, replicateSeeds } from "./expandSweep.ts";
import { parseSweep } from "./loadSweep.ts";

const head = "name: t\nscenario: ../scenarios/quickstart.yaml\nseed: 5\n";
const base = {
  emissionSplit: { owner: 0.1, miners: 0.5, validators: 0.4 },
  chain: { emissionPerEpoch: 1000 },
};
const sweep = (body: string) => parseSweep(head + body, "t.yaml");

describe("sweep parameters", () => {
  it("expands lists, linear and log ranges, and integer rounding", () => {
    expect(parameterValues({ path: "a", values: [1, "x", true] })).toEqual([1, "x", true]);
    expect(
      parameterValues({ path: "a", from: 0.3, to: 0.7, steps: 5, scale: "linear", integer: false }),
    ).toEqual([0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(parameterValues({ path: "a", from: 1, to: 1000, steps: 4, scale: "log", integer: false })).toEqual(
      [1, 10, 100, 1000],
    );
    expect(parameterValues({ path: "a", from: 1, to: 10, steps: 3, scale: "linear", integer: true })).toEqual(
      [1, 6, 10],
    );
    expect(parameterValues({ path: "a", from: 2, to: 9, steps: 1, scale: "linear", integer: false })).toEqual(
      [2],
    );
  });
});

describe("expandSweep", () => {
  it("grid: the cartesian product, first parameter slowest, replicates innermost", () => {
    const plan = expandSweep(
      sweep(`replicates: 2
parameters:
  - { path: emissionSplit.miners, values: [0.3, 0.5] }
  - { path: chain.emissionPerEpoch, from: 500, to: 1500, steps: 3 }
`),
      base,
    );
    expect(plan.points).toEqual([
      { "emissionSplit.miners": 0.3, "chain.emissionPerEpoch": 500 },
      { "emissionSplit.miners": 0.3, "chain.emissionPerEpoch": 1000 },
      { "emissionSplit.miners": 0.3, "chain.emissionPerEpoch": 1500 },
      { "emissionSplit.miners": 0.5, "chain.emissionPerEpoch": 500 },
      { "emissionSplit.miners": 0.5, "chain.emissionPerEpoch": 1000 },
      { "emissionSplit.miners": 0.5, "chain.emissionPerEpoch": 1500 },
    ]);
    expect(plan.runs).toHaveLength(12);
    expect(plan.runs.map((r) => [r.index, r.point, r.replicate])).toEqual(
      Array.from({ length: 12 }, (_, i) => [i, Math.floor(i / 2), i % 2]),
    );
    expect(plan.runs[3].seed).toBe(plan.seeds[1]);
    expect(plan.runs[3].id).toBe(`3-${plan.seeds[1]}`);
  });

  it("zip: values paired position by position; unequal lengths are refused", () => {
    const plan = expandSweep(
      sweep(`mode: zip
parameters:
  - { path: emissionSplit.miners, values: [0.3, 0.5, 0.7] }
  - { path: chain.emissionPerEpoch, from: 100, to: 10000, steps: 3, scale: log }
`),
      base,
    );
    expect(plan.points).toEqual([
      { "emissionSplit.miners": 0.3, "chain.emissionPerEpoch": 100 },
      { "emissionSplit.miners": 0.5, "chain.emissionPerEpoch": 1000 },
      { "emissionSplit.miners": 0.7, "chain.emissionPerEpoch": 10000 },
    ]);
    expect(() =>
      sweep(`mode: zip
parameters:
  - { path: a, values: [1, 2] }
  - { path: b, values: [1] }
`),
    ).toThrow(
      /t\.yaml: parameters: zip pairs values position by position: every parameter needs as many values \(got 2, 1\)/,
    );
  });

  it("random: count points in range, the same for the same root seed, others for another", () => {
    const text = `mode: random
count: 50
parameters:
  - { path: emissionSplit.miners, from: 0.3, to: 0.7 }
  - { path: chain.emissionPerEpoch, from: 10, to: 1000, scale: log, integer: true }
  - { path: mechanism.name, values: [yuma, stake-weighted-mean] }
`;
    const a = expandSweep(sweep(text), base);
    expect(a.points).toHaveLength(50);
    for (const p of a.points) {
      expect(p["emissionSplit.miners"]).toBeGreaterThanOrEqual(0.3);
      expect(p["emissionSplit.miners"]).toBeLessThanOrEqual(0.7);
      expect(Number.isInteger(p["chain.emissionPerEpoch"])).toBe(true);
      expect(p["chain.emissionPerEpoch"]).toBeGreaterThanOrEqual(10);
      expect(p["chain.emissionPerEpoch"]).toBeLessThanOrEqual(1000);
    }
    expect(new Set(a.points.map((p) => p["mechanism.name"]))).toEqual(
      new Set(["yuma", "stake-weighted-mean"]),
    );
    expect(expandSweep(sweep(text), base)).toEqual(a);
    const other = parseSweep(head.replace("seed: 5", "seed: 6") + text, "t.yaml");
    expect(expandSweep(other, base).points).not.toEqual(a.points);
    expect(() => sweep("mode: random\nparameters: [{ path: a, values: [1] }]\n")).toThrow(
      /t\.yaml: count: mode random needs a count/,
    );
  });

  it("latin-hypercube: each of the count strata of every parameter used exactly once", () => {
    const plan = expandSweep(
      sweep(`mode: latin-hypercube
count: 10
parameters:
  - { path: emissionSplit.miners, from: 0, to: 1 }
  - { path: chain.emissionPerEpoch, from: 0, to: 100 }
`),
      base,
    );
    expect(plan.points).toHaveLength(10);
    const strata = (path: string, width: number) =>
      plan.points.map((p) => Math.floor((p[path] as number) / width)).sort((x, y) => x - y);
    expect(strata("emissionSplit.miners", 0.1)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(strata("chain.emissionPerEpoch", 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The pairing is a permutation, not the diagonal.
    const order = (path: string) => plan.points.map((p) => p[path]);
    expect(order("emissionSplit.miners")).not.toEqual([...order("emissionSplit.miners")].sort());
  });
});

describe("constraints and replicates", () => {
  it("derives a field as the remainder of the swept ones and the base scenario's", () => {
    const s = sweep(`parameters:
  - { path: emissionSplit.miners, values: [0.3, 0.5, 0.7] }
constraints:
  - { derive: emissionSplit.validators, remainderOf: [emissionSplit.miners, emissionSplit.owner] }
`);
    expect(expandSweep(s, base).points.map((p) => p["emissionSplit.validators"])).toEqual([0.6, 0.4, 0.2]);
    expect(applyConstraints({ a: 3 }, [{ derive: "b", remainderOf: ["a"], total: 10 }], {})).toEqual({
      a: 3,
      b: 7,
    });
    expect(() => applyConstraints({}, [{ derive: "b", remainderOf: ["nope.x"], total: 1 }], base)).toThrow(
      /constraints: b: nope\.x is not in the scenario/,
    );
    expect(() =>
      sweep(`parameters: [{ path: a, values: [1] }]
constraints: [{ derive: a, remainderOf: [b] }]
`),
    ).toThrow(/constraints\[0\]\.derive: a is a swept parameter/);
  });

  it("draws distinct replicate seeds from the root seed, reproducibly", () => {
    const seeds = replicateSeeds(9, 20);
    expect(new Set(seeds).size).toBe(20);
    expect(replicateSeeds(9, 20)).toEqual(seeds);
    expect(replicateSeeds(9, 3)).toEqual(seeds.slice(0, 3));
    expect(replicateSeeds(10, 3)).not.toEqual(seeds.slice(0, 3));
  });

  it("refuses bad sweep files naming file and field", () => {
    expect(() => sweep("parameters: [{ path: a, from: 1, to: 2 }]\n")).toThrow(
      /parameters\[0\]\.steps: a range needs steps in mode grid/,
    );
    expect(() => sweep("parameters: [{ path: 'a..b', values: [1] }]\n")).toThrow(
      /parameters\[0\]\.path: expected a scenario path/,
    );
    expect(() => sweep("metrics: [nope]\nparameters: [{ path: a, values: [1] }]\n")).toThrow(
      /t\.yaml: metrics\[0\]/,
    );
    expect(() => sweep("bogus: 1\nparameters: [{ path: a, values: [1] }]\n")).toThrow(
      /t\.yaml: bogus: unknown field/,
    );
  });
});

describe("sweep files", () => {
  it("every file in sweeps/ is valid and the committed JSON Schema is current", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { loadSweep } = await import("./loadSweep.ts");
    const { SWEEP_JSON_SCHEMA_PATH, sweepJsonSchemaText } = await import("./writeSweepJsonSchema.ts");
    expect(readFileSync(SWEEP_JSON_SCHEMA_PATH, "utf8")).toBe(sweepJsonSchemaText());
    const dir = join(import.meta.dirname, "..", "..", "sweeps");
    const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) await loadSweep(join(dir, f));
  });
});
