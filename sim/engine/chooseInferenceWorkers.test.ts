import { describe, expect, it } from "vitest";
import { chooseInferenceWorkers } from "./chooseInferenceWorkers.ts";

const auto = (miners: number, cores: number) => chooseInferenceWorkers({ setting: "auto", miners, cores });

describe("chooseInferenceWorkers", () => {
  it("takes a count as given, at most one worker per miner", () => {
    expect(chooseInferenceWorkers({ setting: 3, miners: 16, cores: 2 })).toBe(3);
    expect(chooseInferenceWorkers({ setting: 4, miners: 2, cores: 64 })).toBe(2);
    expect(chooseInferenceWorkers({ setting: 0, miners: 10_000, cores: 64 })).toBe(0);
  });

  it("auto: the main thread below 256 miners, whatever the cores", () => {
    expect(auto(1, 16)).toBe(0);
    expect(auto(255, 16)).toBe(0);
    expect(auto(255, 2)).toBe(0);
  });

  it("auto: cores − 1 workers (at least two), at least 128 miners each, at most 16", () => {
    // This 2-core machine: two workers from 256 miners up, as before.
    expect(auto(256, 2)).toBe(2);
    expect(auto(10_000, 2)).toBe(2);
    expect(auto(10_000, 1)).toBe(2);
    // 16 cores: 15 workers for 10,000 miners (the example ran two).
    expect(auto(10_000, 16)).toBe(15);
    // 128 miners a worker at least: 1,000 miners → 7 workers, not 15.
    expect(auto(1_000, 16)).toBe(7);
    expect(auto(256, 16)).toBe(2);
    expect(auto(383, 16)).toBe(2);
    expect(auto(384, 16)).toBe(3);
    // Never more than 16.
    expect(auto(100_000, 128)).toBe(16);
    expect(auto(4_096, 8)).toBe(7);
  });
});
