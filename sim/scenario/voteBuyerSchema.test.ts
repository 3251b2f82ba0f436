import { describe, expect, it } from "vitest";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { parseScenario } from "./loadScenario.ts";

const FILE = "scenarios/bad.yaml";
const scenario = (validators: string, voteBuyer: string, extra = "") => `name: t
epochs: 6
population:
  miners: [{ tier: average, count: 2 }]
  validators: ${validators}
governance:
  ${extra}voteBuyer: ${voteBuyer}
`;
const buyer = (agent = "validator-0", epoch = 2) =>
  `{ agent: ${agent}, epoch: ${epoch}, budget: 100, changes: { emissionSplit: { owner: 0, miners: 0.2, validators: 0.8 } } }`;

function messageOf(text: string): string {
  try {
    parseScenario(text, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(CrucibleError);
    expect((e as CrucibleError).code).toBe("CRUCIBLE_SCENARIO_INVALID");
    return (e as Error).message;
  }
  throw new Error("expected the scenario to be rejected");
}

describe("governance.voteBuyer, holdings and countingMode", () => {
  it("accepts a vote-buyer validator and resolves the defaults", () => {
    const s = parseScenario(
      scenario(
        "[{ count: 1, stake: 10, strategy: vote-buyer }, { count: 1, stake: 10 }]",
        buyer(),
        "holdings: { tokens: 50 }\n  ",
      ),
      FILE,
    );
    expect(s.governance?.countingMode).toBe("simple");
    expect(s.governance?.voteBuyer).toMatchObject({ agent: "validator-0", margin: 0.05, budget: 100 });
    expect(s.governance?.holdings).toEqual({ tokens: 50, concentration: 1, holders: "all" });
  });

  it("names the file and the field of a buyer that is not a vote-buyer, not there, or too late", () => {
    expect(messageOf(scenario("[{ count: 2, stake: 10 }]", buyer("validator-1")))).toContain(
      `${FILE}: governance.voteBuyer.agent: validator-1 has strategy honest; the vote buyer must be a validator with strategy vote-buyer`,
    );
    expect(
      messageOf(scenario("[{ count: 1, stake: 10, strategy: vote-buyer }]", buyer("validator-3"))),
    ).toContain("governance.voteBuyer.agent: no validator-3: the population has 1 validators");
    expect(
      messageOf(scenario("[{ count: 1, stake: 10, strategy: vote-buyer }]", buyer("miner-0"))),
    ).toContain("governance.voteBuyer.agent: expected a validator id");
    expect(
      messageOf(scenario("[{ count: 1, stake: 10, strategy: vote-buyer }]", buyer("validator-0", 6))),
    ).toContain("governance.voteBuyer.epoch: the run has epochs 0..5");
    expect(
      messageOf(
        scenario("[{ count: 1, stake: 10, strategy: vote-buyer }]", buyer(), "countingMode: conviction\n  "),
      ),
    ).toContain("governance.countingMode");
  });
});
