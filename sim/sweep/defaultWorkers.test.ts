import { describe, expect, it } from "vitest";
import { defaultWorkers, MEMORY_PER_RUN_BYTES } from "./defaultWorkers.ts";

describe("defaultWorkers", () => {
  it("runs one per core, fewer when free memory cannot hold them, never none", () => {
    const GiB = 1024 ** 3;
    expect(defaultWorkers(2, 64 * GiB)).toBe(2);
    expect(defaultWorkers(16, 64 * GiB)).toBe(16);
    expect(defaultWorkers(16, 4 * MEMORY_PER_RUN_BYTES + 1)).toBe(4);
    expect(defaultWorkers(16, 0.5 * GiB)).toBe(1);
    expect(defaultWorkers()).toBeGreaterThanOrEqual(1);
  });
});
