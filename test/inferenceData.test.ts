import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DIGIT_FEATURES, loadDigits } from "../sim/models/loadDigits.ts";
import { createRng } from "../sim/rng/createRng.ts";

function rowKeys(x: Float32Array): Set<string> {
  const keys = new Set<string>();
  for (let r = 0; r < x.length / DIGIT_FEATURES; r++) {
    const row = x.subarray(r * DIGIT_FEATURES, (r + 1) * DIGIT_FEATURES);
    keys.add(
      createHash("sha1")
        .update(new Uint8Array(row.buffer, row.byteOffset, row.byteLength))
        .digest("hex"),
    );
  }
  return keys;
}

describe("loadDigits", () => {
  it("splits real digits deterministically per seed into disjoint, balanced parts", async () => {
    const split = { trainPerClass: 600, heldoutPerClass: 100, queryPerClass: 150 };
    const a = await loadDigits(createRng(42), split);
    const b = await loadDigits(createRng(42), split);
    const c = await loadDigits(createRng(43), split);

    expect(a.trainX.length).toBe(6000 * DIGIT_FEATURES);
    expect([a.trainY.length, a.heldoutY.length, a.queryY.length]).toEqual([6000, 1000, 1500]);
    expect(Buffer.from(a.trainX.buffer).equals(Buffer.from(b.trainX.buffer))).toBe(true);
    expect(Buffer.from(a.queryY).equals(Buffer.from(b.queryY))).toBe(true);
    expect(Buffer.from(a.trainX.buffer).equals(Buffer.from(c.trainX.buffer))).toBe(false);
    expect(a.splitKey).toEqual({ seed: 42, ...split });

    // Real images: grey levels in [0, 1], mostly background, some ink.
    const ink = a.queryX.reduce((sum, v) => sum + v, 0) / a.queryX.length;
    expect(Math.min(...a.queryX.subarray(0, 50_000))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a.queryX.subarray(0, 50_000))).toBeLessThanOrEqual(1);
    expect(ink).toBeGreaterThan(0.05);
    expect(ink).toBeLessThan(0.3);

    // The dataset has no duplicate images, so disjoint content means disjoint digits.
    const train = rowKeys(a.trainX);
    const heldout = rowKeys(a.heldoutX);
    const query = rowKeys(a.queryX);
    expect(train.size + heldout.size + query.size).toBe(8500);
    expect(new Set([...train, ...heldout, ...query]).size).toBe(8500);

    for (const labels of [a.trainY, a.heldoutY, a.queryY]) {
      const counts = new Array(10).fill(0);
      for (const y of labels) counts[y]++;
      expect(new Set(counts).size).toBe(1);
    }
    // Parts are shuffled, not sorted by class.
    expect(a.queryY.slice(0, 30).every((y) => y === a.queryY[0])).toBe(false);
  });

  it("rejects a split larger than the smallest class", async () => {
    await expect(
      loadDigits(createRng(1), { trainPerClass: 800, heldoutPerClass: 50, queryPerClass: 50 }),
    ).rejects.toMatchObject({ code: "CRUCIBLE_INFERENCE_FAILED" });
  });
});
