import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DigitData, loadDigits } from "../sim/models/loadDigits.ts";
import { packMlp } from "../sim/models/mlpWeights.ts";
import { type BaseModel, trainBaseModel } from "../sim/models/trainBaseModel.ts";
import { createRng } from "../sim/rng/createRng.ts";

const TIERS = ["expert", "average", "poor", "random"];
let cacheDir: string;
let data: DigitData;
const first = new Map<string, BaseModel>();

const bytes = (m: BaseModel) => Buffer.from(packMlp(m.weights).buffer);

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "crucible-cache-"));
  process.env.CRUCIBLE_CACHE_DIR = cacheDir;
  data = await loadDigits(createRng(7));
  for (const tier of TIERS) first.set(tier, await trainBaseModel({ tier }, data, 11));
});

afterAll(async () => {
  delete process.env.CRUCIBLE_CACHE_DIR;
  await rm(cacheDir, { recursive: true, force: true });
});

describe("trainBaseModel", () => {
  it("orders the quality tiers by held-out accuracy, random at chance", () => {
    const acc = TIERS.map((t) => first.get(t)!.heldoutAccuracy);
    expect(acc[0]).toBeGreaterThan(0.88);
    expect(acc[0]).toBeGreaterThan(acc[1] + 0.05);
    expect(acc[1]).toBeGreaterThan(acc[2] + 0.05);
    expect(acc[2]).toBeGreaterThan(acc[3] + 0.05);
    expect(Math.abs(acc[3] - 0.1)).toBeLessThan(0.06);
    expect(first.get("expert")!.weights.hidden).toBe(64);
    expect(first.get("poor")!.weights.hidden).toBe(32);
  });

  it("writes the cache under CRUCIBLE_CACHE_DIR and returns identical weights on a hit, without training", async () => {
    for (const tier of TIERS) {
      const model = first.get(tier)!;
      expect(model.cacheHit).toBe(false);
      expect(model.cachePath).toMatch(new RegExp(`^${cacheDir}/models/[0-9a-f]{64}\\.bin$`));
      expect(existsSync(model.cachePath!.replace(/\.bin$/, ".json"))).toBe(true);
      const again = await trainBaseModel({ tier }, data, 11);
      expect(again.cacheHit).toBe(true);
      expect(again.cachePath).toBe(model.cachePath);
      expect(again.trainMs).toBeCloseTo(model.trainMs, 6);
      expect(bytes(again).equals(bytes(model))).toBe(true);
      expect(again.heldoutAccuracy).toBe(model.heldoutAccuracy);
    }
  });

  it("is deterministic: retraining from scratch with the same seed gives the same bytes", async () => {
    for (const tier of ["average", "poor"]) {
      const fresh = await trainBaseModel({ tier }, data, 11, { cache: false });
      expect(fresh.cacheHit).toBe(false);
      expect(fresh.cachePath).toBeUndefined();
      expect(bytes(fresh).equals(bytes(first.get(tier)!))).toBe(true);
    }
    const otherSeed = await trainBaseModel({ tier: "poor" }, data, 12, { cache: false });
    expect(bytes(otherSeed).equals(bytes(first.get("poor")!))).toBe(false);
  });

  it("rejects an unknown tier with a clear error", async () => {
    await expect(trainBaseModel({ tier: "legendary" }, data, 1)).rejects.toMatchObject({
      code: "CRUCIBLE_INFERENCE_FAILED",
      message: expect.stringContaining("legendary"),
    });
  });
});
