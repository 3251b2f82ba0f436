import { readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { loadScenario, parseScenario } from "./loadScenario.ts";
import { JSON_SCHEMA_PATH, scenarioJsonSchemaText } from "./writeJsonSchema.ts";

const base = `name: t
population:
  miners: [{ tier: expert, count: 2 }]
  validators: [{ count: 1, stake: 10 }]
`;

function messageOf(text: string): string {
  try {
    parseScenario(text, "scenarios/bad.yaml");
  } catch (e) {
    expect(e).toBeInstanceOf(CrucibleError);
    expect((e as CrucibleError).code).toBe("CRUCIBLE_SCENARIO_INVALID");
    return (e as Error).message;
  }
  throw new Error("expected the scenario to be rejected");
}

describe("parseScenario", () => {
  it("reads an invariants section and names file, field and column on a typo", () => {
    const ok = parseScenario(
      `${base}invariants:\n  - adversaryProfit < 0\n  - after epoch 2: reveals >= 1\n`,
      "t.yaml",
    );
    expect(ok.invariants).toEqual(["adversaryProfit < 0", "after epoch 2: reveals >= 1"]);
    expect(messageOf(`${base}invariants:\n  - adversaryProfit < 0\n  - adversaryProfit 0\n`)).toBe(
      "scenarios/bad.yaml: invariants[1]: column 17: expected a comparison (< <= > >= == !=), found '0'",
    );
  });

  it("resolves defaults", () => {
    const s = parseScenario(base, "t.yaml");
    expect(s.seed).toBe(1);
    expect(s.epochs).toBe(20);
    expect(s.mechanism.name).toBe("yuma");
    expect(s.population.miners[0].strategy).toBe("honest");
    expect(s.population.validators[0].queriesPerEpoch).toBe(32);
    expect(s.emissionSplit).toEqual({ owner: 0, miners: 0.5, validators: 0.5 });
    expect(s.protocol).toMatchObject({ tempo: 20, maxUids: "population", immunityEpochs: 12 });
    expect(s.protocol.registration).toMatchObject({ initialBurn: 0.1, increase: 1.26 });
    expect(s.population.miners[0].joinEpoch).toBe(0);
  });

  it("applies CLI overrides", () => {
    const s = parseScenario(base, "t.yaml", { seed: 9, epochs: 3 });
    expect([s.seed, s.epochs]).toEqual([9, 3]);
  });

  it("deep-merges overrides before validation (objects merge, arrays replace)", () => {
    const s = parseScenario(base, "t.yaml", {
      overrides: {
        mechanism: { params: { kappa: 0.6 } },
        population: { validators: [{ count: 2, stake: 5 }] },
      },
    });
    expect(s.mechanism).toMatchObject({ name: "yuma", params: { kappa: 0.6 } });
    expect(s.population.validators).toHaveLength(1);
    expect(s.population.validators[0]).toMatchObject({ count: 2, stake: 5 });
    expect(s.population.miners[0]).toMatchObject({ tier: "expert", count: 2 });
  });

  it("removes a field whose override is null (JSON Merge Patch)", () => {
    const withParams = `${base}mechanism: { name: yuma, params: { yuma3: true } }\n`;
    const s = parseScenario(withParams, "t.yaml", {
      overrides: { mechanism: { name: "stake-weighted-mean", params: null } },
    });
    expect(s.mechanism).toEqual({ name: "stake-weighted-mean", params: {} });
  });

  it("names an unknown field with its path", () => {
    expect(messageOf(`${base}chain: { emision: 5 }\n`)).toBe(
      "scenarios/bad.yaml: chain.emision: unknown field",
    );
  });

  it("names a wrong type with its path", () => {
    expect(messageOf(base.replace("stake: 10", 'stake: "lots"'))).toBe(
      "scenarios/bad.yaml: population.validators[0].stake: expected number, received string",
    );
  });

  it("rejects a negative count", () => {
    expect(messageOf(base.replace("count: 2", "count: -2"))).toMatch(
      /^scenarios\/bad\.yaml: population\.miners\[0\]\.count: Too small: expected number to be >=0/,
    );
  });

  it("rejects an unknown tier, listing the allowed ones", () => {
    expect(messageOf(base.replace("tier: expert", "tier: great"))).toMatch(
      /population\.miners\[0\]\.tier: expected one of "expert"\|"average"\|"poor"\|"random"/,
    );
  });

  it("rejects a missing required section", () => {
    expect(messageOf("name: t\n")).toBe(
      "scenarios/bad.yaml: population: expected object, received undefined",
    );
  });

  it("rejects a split that does not sum to 1", () => {
    expect(messageOf(`${base}emissionSplit: { miners: 0.7 }\n`)).toMatch(
      /emissionSplit: owner \+ miners \+ validators must equal 1/,
    );
  });

  it("rejects registration prices out of order, naming the field", () => {
    expect(messageOf(`${base}protocol: { registration: { initialBurn: 200 } }\n`)).toMatch(
      /protocol\.registration\.initialBurn: initialBurn must lie within \[minBurn, maxBurn\]/,
    );
  });

  it("rejects broken YAML", () => {
    expect(messageOf("name: [unclosed\n")).toMatch(/^scenarios\/bad\.yaml: invalid YAML/);
  });

  it("rejects a missing file with its own code", async () => {
    await expect(loadScenario("scenarios/nope.yaml")).rejects.toMatchObject({
      code: "CRUCIBLE_SCENARIO_NOT_FOUND",
      message: "scenarios/nope.yaml: cannot read scenario file",
    });
  });

  it("loads a file from disk", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-scn-"));
    await writeFile(join(dir, "s.yaml"), base);
    expect((await loadScenario(join(dir, "s.yaml"))).name).toBe("t");
  });
});

describe("scenario JSON Schema", () => {
  it("is up to date with the zod schema (run npm run build:schema)", () => {
    expect(readFileSync(JSON_SCHEMA_PATH, "utf8")).toBe(scenarioJsonSchemaText());
  });
});
