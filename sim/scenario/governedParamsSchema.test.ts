import { describe, expect, it } from "vitest";
import {
  namesProtocolSetters,
  resolveGovernance,
  resolveParameterChanges,
} from "../engine/resolveDeployment.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { parseScenario } from "./loadScenario.ts";

const FILE = "scenarios/bad.yaml";
const scenario = (changes: string) => `name: t
epochs: 6
chain: { emissionPerEpoch: 100 }
population:
  miners: [{ tier: average, count: 2 }]
  validators: [{ count: 1, stake: 10 }]
governance:
  proposals:
    - { epoch: 1, proposer: validator-0, changes: ${changes} }
`;

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

describe("proposals naming the reveal delay, the take ceiling and the epoch emission", () => {
  it("resolves them to the setters' units and deploys the governed contracts only then", () => {
    const s = parseScenario(
      scenario("{ revealDelayEpochs: 2, maxValidatorTake: 0.05, emissionPerEpoch: 150 }"),
      FILE,
    );
    const g = s.governance!;
    expect(resolveParameterChanges(g.proposals[0].changes, 10)).toEqual({
      revealDelayEpochs: 2,
      takeCeilingBps: 500,
      epochEmission: 150n * 10n ** 18n,
    });
    expect(namesProtocolSetters(g)).toBe(true);
    expect(resolveGovernance(g, 10).protocolSetters).toBe(true);
    const plain = parseScenario(scenario("{ slashShare: 0.2 }"), FILE).governance!;
    expect(namesProtocolSetters(plain)).toBe(false);
    expect("protocolSetters" in resolveGovernance(plain, 10)).toBe(false);
  });

  it("names the file and the field of a bad parameter name or an out-of-bound value", () => {
    expect(messageOf(scenario("{ revealDelay: 2 }"))).toMatch(
      /scenarios\/bad\.yaml: governance\.proposals\[0\]\.changes.*revealDelay/,
    );
    expect(messageOf(scenario("{ revealDelayEpochs: 101 }"))).toContain(
      `${FILE}: governance.proposals[0].changes.revealDelayEpochs`,
    );
    expect(messageOf(scenario("{ maxValidatorTake: 1.5 }"))).toContain(
      `${FILE}: governance.proposals[0].changes.maxValidatorTake`,
    );
    expect(messageOf(scenario("{ emissionPerEpoch: 0 }"))).toContain(
      `${FILE}: governance.proposals[0].changes.emissionPerEpoch`,
    );
    expect(messageOf(scenario("{ emissionPerEpoch: 201 }"))).toContain(
      `${FILE}: governance.proposals[0].changes.emissionPerEpoch: at most twice chain.emissionPerEpoch (200), got 201`,
    );
  });
});
