import { describe, expect, it } from "vitest";
import { agentCount, scalePopulation, shrinkCandidates } from "./shrinkCandidates.ts";

const raw = {
  name: "s",
  seed: 3,
  epochs: 8,
  costs: { perInference: 0.01 },
  population: {
    miners: [
      { tier: "expert", count: 4 },
      { tier: "random", count: 1 },
    ],
    validators: [{ count: 3, stake: 1000 }],
  },
  chain: { backend: "memory" },
};

describe("shrinkCandidates", () => {
  it("cuts epochs to the failing one first, then groups, counts and optional fields", () => {
    expect(shrinkCandidates(raw, 2).map((c) => c.step)).toEqual([
      "epochs 8 → 3",
      "epochs 8 → 4",
      "epochs 8 → 7",
      "miners[0] removed",
      "miners[0].count 4 → 2",
      "miners[0].count 4 → 3",
      "miners[1] removed",
      "validators[0].count 3 → 1",
      "validators[0].count 3 → 2",
      "costs dropped (default)",
    ]);
    const [cut, , , removed] = shrinkCandidates(raw, 2);
    expect(cut.raw.epochs).toBe(3);
    expect(removed.raw.population).toEqual({ ...raw.population, miners: [{ tier: "random", count: 1 }] });
    expect(raw.population.miners).toHaveLength(2); // the input is not changed
  });

  it("offers nothing smaller for a one-epoch, one-agent-per-role scenario with only kept fields", () => {
    const minimal = {
      name: "m",
      epochs: 1,
      population: { miners: [{ tier: "poor", count: 1 }], validators: [{ count: 1, stake: 5 }] },
    };
    expect(shrinkCandidates(minimal, 0)).toEqual([]);
    expect(agentCount(minimal)).toBe(2);
  });

  it("scales every group, keeping at least one agent where there was any", () => {
    const half = scalePopulation(raw, 0.5);
    expect(half.population).toEqual({
      miners: [
        { tier: "expert", count: 2 },
        { tier: "random", count: 1 },
      ],
      validators: [{ count: 2, stake: 1000 }],
    });
    expect(agentCount(half)).toBe(5);
  });
});
