import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSearch } from "./loadSearch.ts";
import { pointToSets } from "./pointToSets.ts";
import { halvingRungs } from "./successiveHalving.ts";

const BASE = join(import.meta.dirname, "..", "..", "scenarios", "attack-search", "base.yaml");

const valid = `name: t
scenario: ${BASE}
attacker: attacker
objective: { kind: profit }
runs: 100
parameters:
  - { type: continuous, path: "population.validators[1].stake", min: 10, max: 400 }
  - type: categorical
    name: s
    path: "population.miners[4].strategy"
    values: [{ name: honest }, { name: copycat }]
  - { type: continuous, name: noise, path: "population.miners[4].strategy.params.noise", min: 0, max: 0.5, when: { s: copycat } }
`;

async function load(text: string) {
  const dir = await mkdtemp(join(tmpdir(), "crucible-search-"));
  const file = join(dir, "search.yaml");
  await writeFile(file, text);
  return { file, loaded: () => loadSearch(file) };
}

describe("loadSearch: bad input names the file and the field, before any run", () => {
  it("reads a valid file, derives seeds from the root seed and keeps fresh seeds apart", async () => {
    const { loaded } = await load(valid);
    const s = await loaded();
    expect(s.epochs).toBe(12);
    expect(s.evaluationSeeds).toHaveLength(4);
    expect(s.freshSeeds).toHaveLength(8);
    expect(s.freshSeeds.some((x) => s.evaluationSeeds.includes(x))).toBe(false);
    expect(s.fixed).toEqual([{ path: "chain.backend", value: "memory" }]);
    // A conditional parameter is set only when its condition holds, after the strategy object.
    expect(pointToSets(s.search, { "population.validators[1].stake": 50, s: "copycat", noise: 0.2 })).toEqual(
      [
        { path: "population.validators[1].stake", value: 50 },
        { path: "population.miners[4].strategy", value: { name: "copycat" } },
        { path: "population.miners[4].strategy.params.noise", value: 0.2 },
      ],
    );
  });

  it.each([
    ["an unknown field", `${valid}budgett: 3\n`, /search\.yaml: budgett: unknown field/],
    ["a missing objective", valid.replace("objective: { kind: profit }\n", ""), /search\.yaml: objective: /],
    [
      "an unknown attacker",
      valid.replace("attacker: attacker", "attacker: mallory"),
      /search\.yaml: attacker: "mallory" is not an operator of .*base\.yaml \(attacker\)/,
    ],
    [
      "a parameter outside the scenario's bounds",
      valid.replace("min: 10, max: 400", "min: -5, max: 400"),
      /search\.yaml: parameters\[0\] \(population\.validators\[1\]\.stake = -5\): .*base\.yaml: population\.validators\[1\]\.stake/,
    ],
    [
      "a path the scenario does not have",
      valid.replace("population.validators[1].stake", "population.validators[7].stake"),
      /search\.yaml: parameters\[0\] .*has no item \[7\]/,
    ],
    [
      "a strategy parameter the strategy does not take",
      valid.replace("params.noise", "params.nosie"),
      /search\.yaml: parameters\[2\] .*nosie/,
    ],
    [
      "a condition on an unknown parameter",
      valid.replace("when: { s: copycat }", "when: { t: copycat }"),
      /search\.yaml: parameters\[2\]\.when\.t: t is not a categorical parameter/,
    ],
    [
      "an epoch-window invariant",
      valid.replace(
        "objective: { kind: profit }",
        'objective: { kind: invariant, invariant: "after epoch 2: supply > 0" }',
      ),
      /search\.yaml: objective\.invariant: .*must be per run/,
    ],
    [
      "an invariant with a typo",
      valid.replace(
        "objective: { kind: profit }",
        'objective: { kind: invariant, invariant: "adversaryProfitt < 0" }',
      ),
      /search\.yaml: objective\.invariant/,
    ],
    [
      "fresh seeds that are evaluation seeds",
      `${valid}seeds: [1, 2]\nfreshSeeds: [2, 3]\n`,
      /search\.yaml: freshSeeds: seed 2 is also an evaluation seed/,
    ],
  ])("%s", async (_what, text, message) => {
    const { loaded } = await load(text);
    await expect(loaded()).rejects.toThrow(message);
  });
});

describe("the search file's JSON Schema", () => {
  it("is the one generated from the zod schema (npm run build:schema)", async () => {
    const { readFileSync } = await import("node:fs");
    const { SEARCH_JSON_SCHEMA_PATH, searchJsonSchemaText } = await import("./writeSearchJsonSchema.ts");
    expect(readFileSync(SEARCH_JSON_SCHEMA_PATH, "utf8")).toBe(searchJsonSchemaText());
  });
});

describe("successive halving's rungs", () => {
  it("lengthens runs and adds seeds as it halves the candidates; the last rung is full", () => {
    const rungs = halvingRungs({
      population: 12,
      eta: 2,
      rungs: 3,
      minEpochs: 2,
      epochs: 12,
      seeds: [1, 2, 3, 4],
    });
    expect(rungs.map((r) => [r.candidates, r.epochs, r.seeds.length])).toEqual([
      [12, 3, 1],
      [6, 6, 2],
      [3, 12, 4],
    ]);
  });
});
