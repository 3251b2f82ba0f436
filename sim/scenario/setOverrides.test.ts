import { describe, expect, it } from "vitest";
import { parseScenario } from "./loadScenario.ts";
import { applySetOverrides, parseSetFlags, readPath, splitPath } from "./setOverrides.ts";

const base = `name: set-test
population:
  miners: [{ tier: expert, count: 2 }, { tier: poor, count: 1 }]
  validators: [{ count: 1, stake: 10 }]
`;

describe("--set overrides", () => {
  it("splits paths into keys and indices and refuses malformed ones", () => {
    expect(splitPath("population.miners[1].count")).toEqual(["population", "miners", 1, "count"]);
    expect(() => splitPath("a..b")).toThrow(/a\.\.b: not a scenario path/);
    expect(() => splitPath("a[x]")).toThrow(/not a scenario path/);
  });

  it("parses values as YAML", () => {
    expect(parseSetFlags(["a.b=0.3", "c=true", "d=[1, 2]", "e={ x: 1 }", "f=yuma", "g="])).toEqual([
      { path: "a.b", value: 0.3 },
      { path: "c", value: true },
      { path: "d", value: [1, 2] },
      { path: "e", value: { x: 1 } },
      { path: "f", value: "yuma" },
      { path: "g", value: null },
    ]);
    expect(() => parseSetFlags(["emissionSplit.miners"])).toThrow(
      /--set emissionSplit\.miners: expected path=value/,
    );
    expect(() => parseSetFlags(["a=[1, 2"])).toThrow(/--set a: the value is not valid YAML/);
  });

  it("writes into nested objects and array items without touching the input", () => {
    const raw = { a: { b: 1 }, list: [{ n: 1 }, { n: 2 }] };
    const out = applySetOverrides(raw, [
      { path: "a.c", value: 2 },
      { path: "list[1].n", value: 5 },
      { path: "new.deep", value: "x" },
    ]);
    expect(out).toEqual({ a: { b: 1, c: 2 }, list: [{ n: 1 }, { n: 5 }], new: { deep: "x" } });
    expect(raw.list[1].n).toBe(2);
    expect(readPath(out, "list[1].n")).toBe(5);
    expect(() => applySetOverrides(raw, [{ path: "list[2].n", value: 1 }])).toThrow(
      /--set list\[2\]\.n: list has no item \[2\]/,
    );
    expect(() => applySetOverrides(raw, [{ path: "a.b.c", value: 1 }])).toThrow(
      /--set a\.b\.c: a\.b is not an object/,
    );
  });

  it("validates the result like the file, naming the field and the flag", () => {
    const ok = parseScenario(base, "s.yaml", {
      set: parseSetFlags([
        "emissionSplit.miners=0.7",
        "emissionSplit.validators=0.3",
        "population.miners[1].count=4",
      ]),
    });
    expect(ok.emissionSplit).toMatchObject({ miners: 0.7, validators: 0.3 });
    expect(ok.population.miners[1]).toMatchObject({ tier: "poor", count: 4 });
    expect(() => parseScenario(base, "s.yaml", { set: parseSetFlags(["emissionSplit.miners=2"]) })).toThrow(
      /^s\.yaml: emissionSplit\.miners: .* \(from --set emissionSplit\.miners\)$/,
    );
    expect(() => parseScenario(base, "s.yaml", { set: parseSetFlags(["chain.emision=5"]) })).toThrow(
      /s\.yaml: chain\.emision: unknown field/,
    );
    expect(() => parseScenario(base, "s.yaml", { set: parseSetFlags(["epochs=many"]) })).toThrow(
      /s\.yaml: epochs: .*\(from --set epochs\)/,
    );
  });
});
