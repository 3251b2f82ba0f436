import { describe, expect, it } from "vitest";
import { parseScenario } from "./loadScenario.ts";

const base = `name: t
population:
  miners: [{ tier: expert, count: 2 }]
  validators: [{ count: 1, stake: 10 }]
`;

/** `chain.revealDelayEpochs` moved to `protocol.revealDelayEpochs`: the old spelling still works, with
 * a note; both spellings at once, or a value past the contract's bound, are invalid. */
describe("protocol.revealDelayEpochs and its deprecated spelling", () => {
  it("defaults to 0 and takes 0..100 under protocol", () => {
    expect(parseScenario(base, "t.yaml").protocol.revealDelayEpochs).toBe(0);
    expect(
      parseScenario(`${base}protocol: { revealDelayEpochs: 100 }\n`, "t.yaml").protocol.revealDelayEpochs,
    ).toBe(100);
  });

  it("moves chain.revealDelayEpochs to protocol with a deprecation note", () => {
    const warnings: string[] = [];
    const s = parseScenario(`${base}chain: { revealDelayEpochs: 2 }\n`, "t.yaml", {
      warn: (w) => warnings.push(w),
    });
    expect(s.protocol.revealDelayEpochs).toBe(2);
    expect(s.chain.revealDelayEpochs).toBeUndefined();
    expect(warnings).toEqual([
      "t.yaml: chain.revealDelayEpochs is deprecated; write protocol.revealDelayEpochs: 2",
    ]);
  });

  it("refuses both spellings at once", () => {
    expect(() =>
      parseScenario(`${base}chain: { revealDelayEpochs: 2 }\nprotocol: { revealDelayEpochs: 1 }\n`, "t.yaml"),
    ).toThrow(/t\.yaml: chain\.revealDelayEpochs: the deprecated spelling of protocol\.revealDelayEpochs/);
  });

  it("names the field a bad value was written in, past the Weights contract's bound of 100", () => {
    expect(() => parseScenario(`${base}protocol: { revealDelayEpochs: 101 }\n`, "t.yaml")).toThrow(
      "t.yaml: protocol.revealDelayEpochs: at most 100 (SubnetRegistry.createSubnet's bound)",
    );
    expect(() => parseScenario(`${base}chain: { revealDelayEpochs: 101 }\n`, "t.yaml")).toThrow(
      "t.yaml: chain.revealDelayEpochs: at most 100 (SubnetRegistry.createSubnet's bound)",
    );
  });
});
