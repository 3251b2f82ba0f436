import { describe, expect, it } from "vitest";
import { chooseStakeSubnet } from "./chooseStakeSubnet.ts";

describe("chooseStakeSubnet", () => {
  it("picks the best subnet without a position, whatever the inertia", () => {
    expect(chooseStakeSubnet(null, [0.01, 0.03, 0.02], 1, 0.5, 0)).toBe(1);
  });
  it("keeps its position when the draw falls under the inertia", () => {
    expect(chooseStakeSubnet(0, [0.01, 0.03], 0.8, 0, 0.79)).toBe(0);
    expect(chooseStakeSubnet(0, [0.01, 0.03], 0.8, 0, 0.8)).toBe(1);
  });
  it("moves only when the better yield pays for the switch", () => {
    expect(chooseStakeSubnet(0, [0.01, 0.03], 0, 0.02, 0.5)).toBe(0);
    expect(chooseStakeSubnet(0, [0.01, 0.031], 0, 0.02, 0.5)).toBe(1);
  });
});
