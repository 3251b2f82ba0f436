import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildPopulation } from "../engine/buildPopulation.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { parseScenario } from "./loadScenario.ts";
import { JSON_SCHEMA_PATH } from "./writeJsonSchema.ts";

const scenario = (miners: string, validators = "[{ count: 1, stake: 10 }]", extra = "") => `name: t
${extra}population:
  miners: ${miners}
  validators: ${validators}
`;

function messageOf(text: string): string {
  try {
    buildPopulation(parseScenario(text, "scenarios/bad.yaml"), "scenarios/bad.yaml");
  } catch (e) {
    expect(e).toBeInstanceOf(CrucibleError);
    expect((e as CrucibleError).code).toBe("CRUCIBLE_SCENARIO_INVALID");
    return (e as Error).message;
  }
  throw new Error("expected the scenario to be rejected");
}

describe("strategy: { name, params }", () => {
  it("accepts the plain name and the object form, resolving the parameters' defaults", () => {
    const s = parseScenario(
      scenario(
        "[{ tier: expert, count: 1, strategy: copycat }, { tier: poor, count: 1, strategy: { name: copycat, params: { noise: 0.1 } } }]",
      ),
      "t.yaml",
    );
    expect(s.population.miners[0].strategy).toBe("copycat");
    expect(s.population.miners[1].strategy).toEqual({
      name: "copycat",
      params: { target: "top", delayEpochs: 0, noise: 0.1 },
    });
    const population = buildPopulation(s, "t.yaml");
    expect(population.miners.map((m) => m.strategy.name)).toEqual(["copycat", "copycat"]);
  });

  it("names the file and the field of a bad parameter, an unknown parameter or strategy", () => {
    expect(
      messageOf(
        scenario("[{ tier: expert, count: 1, strategy: { name: copycat, params: { delayEpochs: -1 } } }]"),
      ),
    ).toBe(
      "scenarios/bad.yaml: population.miners[0].strategy.params.delayEpochs: Too small: expected number to be >=0",
    );
    expect(
      messageOf(scenario("[{ tier: expert, count: 1, strategy: { name: copycat, params: { dealy: 1 } } }]")),
    ).toBe("scenarios/bad.yaml: population.miners[0].strategy.params.dealy: unknown field");
    expect(
      messageOf(
        scenario(
          "[{ tier: expert, count: 1 }]",
          "[{ count: 1, stake: 1, strategy: { name: cabal, params: { push: 2 } } }]",
        ),
      ),
    ).toBe(
      "scenarios/bad.yaml: population.validators[0].strategy.params.push: Too big: expected number to be <=1",
    );
    expect(messageOf(scenario("[{ tier: expert, count: 1, strategy: { name: sneaky } }]"))).toMatch(
      /^scenarios\/bad\.yaml: population\.miners\[0\]\.strategy\.name: Invalid discriminator value/,
    );
    expect(messageOf(scenario("[{ tier: expert, count: 1, strategy: sneaky }]"))).toMatch(
      /population\.miners\[0\]\.strategy: unknown strategy "sneaky"/,
    );
  });

  it("shows each strategy's parameters in the JSON Schema", () => {
    const text = readFileSync(JSON_SCHEMA_PATH, "utf8");
    for (const field of [
      "delayEpochs",
      "push",
      "selfWeight",
      "refreshEvery",
      "computePenalty",
      "startEpoch",
    ]) {
      expect(text).toContain(`"${field}"`);
    }
  });
});

describe("operators", () => {
  const ops = "operators:\n  - { name: cabal }\n";
  it("gives the agents of a group their operator, and none to the others", () => {
    const s = parseScenario(
      scenario(
        "[{ tier: expert, count: 2 }, { tier: poor, count: 2, operator: cabal }]",
        "[{ count: 1, stake: 10 }, { count: 1, stake: 10, operator: cabal, strategy: cabal }]",
        ops,
      ),
      "t.yaml",
    );
    const p = buildPopulation(s, "t.yaml");
    expect(p.miners.map((m) => m.operator)).toEqual([undefined, undefined, "cabal", "cabal"]);
    expect(p.validators.map((v) => v.operator)).toEqual([undefined, "cabal"]);
  });
  it("refuses an operator that is not declared, or declared twice", () => {
    expect(messageOf(scenario("[{ tier: expert, count: 1, operator: ghost }]", undefined, ops))).toBe(
      'scenarios/bad.yaml: population.miners[0].operator: unknown operator "ghost", expected one declared in operators: (cabal)',
    );
    expect(
      messageOf(scenario("[{ tier: expert, count: 1 }]", undefined, `${ops}  - { name: cabal }\n`)),
    ).toBe('scenarios/bad.yaml: operators[1].name: operator "cabal" is declared twice');
  });
});
