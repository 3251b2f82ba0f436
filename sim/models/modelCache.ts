import { createHash } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { makeDirs } from "../run/makeDirs.ts";
import type { DigitData } from "./loadDigits.ts";
import { type MlpWeights, mlpSize, packMlp, unpackMlp } from "./mlpWeights.ts";

/** What a cached model was trained from; its hash names the cache file. */
export interface ModelCacheKey {
  task: string;
  architecture: { inputSize: number; hidden: number; outputs: number; activation: string };
  budget: Record<string, number | string>;
  seed: number;
  split: DigitData["splitKey"];
  backend: string;
  codeVersion: number;
}

/** The small JSON file written beside the weights. */
export interface ModelCacheMeta {
  key: ModelCacheKey;
  trainMs: number;
}

/** `${CRUCIBLE_CACHE_DIR ?? ~/.cache/crucible}/models`, outside the source tree. */
export function modelCacheDir(cacheDir?: string): string {
  const root = cacheDir ?? process.env.CRUCIBLE_CACHE_DIR ?? path.join(os.homedir(), ".cache", "crucible");
  return path.join(root, "models");
}

/** sha256 of the key's JSON, with object keys sorted so field order never changes the hash. */
export function hashModelKey(key: ModelCacheKey): string {
  const canonical = JSON.stringify(key, (_name, value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
  return createHash("sha256").update(canonical).digest("hex");
}

export function modelCachePaths(dir: string, hash: string): { bin: string; json: string } {
  return { bin: path.join(dir, `${hash}.bin`), json: path.join(dir, `${hash}.json`) };
}

/** The cached weights for this key, or undefined when absent or unreadable (then it is retrained). */
export async function readCachedModel(
  dir: string,
  key: ModelCacheKey,
): Promise<{ weights: MlpWeights; meta: ModelCacheMeta; path: string } | undefined> {
  const paths = modelCachePaths(dir, hashModelKey(key));
  const { inputSize, hidden, outputs } = key.architecture;
  try {
    const [bytes, metaText] = await Promise.all([readFile(paths.bin), readFile(paths.json, "utf8")]);
    if (bytes.byteLength !== mlpSize(inputSize, hidden, outputs) * 4) return undefined;
    const flat = new Float32Array(bytes.byteLength / 4);
    new Uint8Array(flat.buffer).set(bytes);
    const meta = JSON.parse(metaText) as ModelCacheMeta;
    return { weights: unpackMlp(flat, inputSize, hidden, outputs), meta, path: paths.bin };
  } catch {
    return undefined;
  }
}

let tempCounter = 0;

async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.${tempCounter++}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `cannot write the model cache file ${file}`, {
      cause: error,
    });
  }
}

/**
 * Writes weights (little-endian float32, w1 b1 w2 b2) and metadata under temporary names, then
 * renames them: a crash never leaves a half-written model, and concurrent writers of the same key
 * write identical bytes. The metadata goes last, so its presence means the weights are complete.
 */
export async function writeCachedModel(
  dir: string,
  weights: MlpWeights,
  meta: ModelCacheMeta,
): Promise<{ bin: string; json: string }> {
  const paths = modelCachePaths(dir, hashModelKey(meta.key));
  await makeDirs(dir).catch((cause: unknown) => {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `cannot create the model cache ${dir}`, { cause });
  });
  const flat = packMlp(weights);
  await writeAtomically(paths.bin, new Uint8Array(flat.buffer, flat.byteOffset, flat.byteLength));
  await writeAtomically(paths.json, `${JSON.stringify(meta, null, 2)}\n`);
  return paths;
}
