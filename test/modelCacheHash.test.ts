import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DigitData, loadDigits } from "../sim/models/loadDigits.ts";
import { packMlp } from "../sim/models/mlpWeights.ts";
import { hashWeightBytes, type ModelCacheMeta } from "../sim/models/modelCache.ts";
import { type BaseModel, trainBaseModel } from "../sim/models/trainBaseModel.ts";
import { createRng } from "../sim/rng/createRng.ts";

/**
 * Finding 14 (issue 17), the cache half: the model cache was checked by file size only, so a
 * flipped byte in the weights was loaded as a cache hit and every miner built from that base model
 * answered with corrupted weights. The weights' sha256 is now stored beside them and checked on
 * every read; a corrupted entry is retrained and rewritten. Real tfjs (wasm), the `random` tier
 * (no training steps: the test costs the digit data and one accuracy measurement per build).
 */
let cacheDir: string;
let data: DigitData;
let first: BaseModel;
const bytesOf = (m: BaseModel) => Buffer.from(packMlp(m.weights).buffer);
const build = (seed = 11) => trainBaseModel({ tier: "random" }, data, seed, { cacheDir, backend: "wasm" });

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "crucible-cache-hash-"));
  data = await loadDigits(createRng(7));
  first = await build();
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe("model cache content hash", () => {
  it("stores the weights' sha256 beside them and hits on intact bytes", async () => {
    expect(first.cacheHit).toBe(false);
    const bin = first.cachePath!;
    const meta = JSON.parse(await readFile(bin.replace(/\.bin$/, ".json"), "utf8")) as ModelCacheMeta;
    expect(meta.sha256).toBe(hashWeightBytes(await readFile(bin)));
    const again = await build();
    expect(again.cacheHit).toBe(true);
    expect(bytesOf(again).equals(bytesOf(first))).toBe(true);
  });

  it("rebuilds an entry with one byte flipped (same size), and rewrites it intact", async () => {
    const bin = first.cachePath!;
    const original = await readFile(bin);
    const corrupted = Buffer.from(original);
    corrupted[corrupted.length >> 1] ^= 0x01;
    await writeFile(bin, corrupted);
    const rebuilt = await build();
    expect(rebuilt.cacheHit).toBe(false);
    expect(bytesOf(rebuilt).equals(bytesOf(first))).toBe(true);
    expect((await readFile(bin)).equals(original)).toBe(true);
    expect((await build()).cacheHit).toBe(true);
  });

  it("rebuilds an entry whose metadata lacks the hash (written before it) or does not parse", async () => {
    const json = first.cachePath!.replace(/\.bin$/, ".json");
    const meta = JSON.parse(await readFile(json, "utf8")) as ModelCacheMeta;
    const { sha256: _dropped, ...withoutHash } = meta;
    await writeFile(json, JSON.stringify(withoutHash));
    expect((await build()).cacheHit).toBe(false);
    expect((JSON.parse(await readFile(json, "utf8")) as ModelCacheMeta).sha256).toBe(meta.sha256);
    await writeFile(json, "{ not json");
    expect((await build()).cacheHit).toBe(false);
    expect((await build()).cacheHit).toBe(true);
  });
});
