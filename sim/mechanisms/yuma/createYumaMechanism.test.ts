import { describe, expect, it } from "vitest";
import type { MechanismInput } from "../mechanism.ts";
import { createYumaMechanism } from "./createYumaMechanism.ts";

const M = 65535;
const input = (block: number, registeredAt: number[], rows: number[][]): MechanismInput => ({
  n: 4,
  stake: Float64Array.from([3, 1, 0, 0]),
  weights: Float64Array.from(rows.flat()),
  lastUpdate: new Float64Array(4).fill(block),
  registeredAt: Float64Array.from(registeredAt),
  block,
});

describe("createYumaMechanism (engine interface)", () => {
  it("carries bonds and permits between epochs and clears a replaced UID's row", () => {
    const yuma = createYumaMechanism({ yuma3: true, tempo: 1 });
    const rows = [
      [0, 0, M, 0],
      [0, 0, M, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ];
    let state = yuma.initialState(4);
    const first = yuma.epoch(input(1, [0, 0, 0, 0], rows), state);
    expect(Array.from(first.output.dividends)).toEqual([0, 0, 0, 0]); // no permits yet (one-epoch lag)
    expect(Array.from(first.output.emissionShare?.validator ?? [])).toEqual([0.75, 0.25, 0, 0]);
    state = first.state;
    const second = yuma.epoch(input(2, [0, 0, 0, 0], rows), state);
    expect(Array.from(second.output.incentive)).toEqual([0, 0, 1, 0]);
    expect(second.output.dividends[0]).toBeCloseTo(0.75, 12);
    expect(second.state.bonds[1]?.[2]).toBe(Math.floor(0.1 * M));
    // UID 1 is replaced at block 3: its bonds row and permit go, so it earns nothing this epoch.
    const third = yuma.epoch(input(3, [0, 3, 0, 0], rows), second.state);
    expect(third.output.dividends[1]).toBe(0);
    expect(third.output.dividends[0]).toBeCloseTo(1, 12);
    expect(third.state.bonds[1]).toBeUndefined();
  });
});
