import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { runCores } from "./runCores.ts";

describe("runCores", () => {
  it("is the sweep's share (CRUCIBLE_CORES) when given, else the machine's cores", () => {
    expect(runCores({ CRUCIBLE_CORES: "3" })).toBe(3);
    expect(runCores({ CRUCIBLE_CORES: "0" })).toBe(availableParallelism());
    expect(runCores({ CRUCIBLE_CORES: "x" })).toBe(availableParallelism());
    expect(runCores({})).toBe(availableParallelism());
  });
});
