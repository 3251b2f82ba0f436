import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { degradeWeights } from "../agents/answers/degradeWeights.ts";
import { measureAccuracy } from "../sim/inference/measureAccuracy.ts";
import { DIGIT_FEATURES, loadDigits } from "../sim/models/loadDigits.ts";
import { trainBaseModel } from "../sim/models/trainBaseModel.ts";
import { createRng } from "../sim/rng/createRng.ts";

describe("answer transforms", () => {
  it("degraded model: heavier weight noise lowers real held-out accuracy", async () => {
    const data = await loadDigits(createRng(3));
    const base = await trainBaseModel({ tier: "expert" }, data, 9, {
      cacheDir: path.join(os.tmpdir(), "crucible-test-cache"),
    });
    const rows = 300;
    const x = data.heldoutX.subarray(0, rows * DIGIT_FEATURES);
    const y = data.heldoutY.subarray(0, rows);
    const degraded = degradeWeights(base.weights, createRng(1), 1.5);
    expect(degradeWeights(base.weights, createRng(1), 1.5)).toEqual(degraded);
    const [honest, worse] = await measureAccuracy([base.weights, degraded], x, y);
    expect(honest).toBeGreaterThan(0.85);
    expect(worse).toBeLessThan(honest - 0.1);
  });
});
