import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CrucibleError } from "../errors/CrucibleError.ts";
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
  /** sha256 (hex) of the weights file's bytes, checked on every read (written by writeCachedModel). */
  sha256?: string;
}

/** sha256 (hex) of a cached weights file's bytes. */
export function hashWeightBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
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

/**
 * The cached weights for this key, or undefined when absent, unreadable or corrupted (then it is
 * retrained and rewritten): the weights' sha256 must equal the one stored beside them (a file
 * without one, from before the hash, counts as corrupted), and the metadata's key must be this key.
 */
export async function readCachedModel(
  dir: string,
  key: ModelCacheKey,
): Promise<{ weights: MlpWeights; meta: ModelCacheMeta; path: string } | undefined> {
  const paths = modelCachePaths(dir, hashModelKey(key));
  const { inputSize, hidden, outputs } = key.architecture;
  try {
    const [bytes, metaText] = await Promise.all([readFile(paths.bin), readFile(paths.json, "utf8")]);
    if (bytes.byteLength !== mlpSize(inputSize, hidden, outputs) * 4) return undefined;
    const meta = JSON.parse(metaText) as ModelCacheMeta;
    if (meta.sha256 !== hashWeightBytes(bytes)) return undefined;
    if (hashModelKey(meta.key) !== hashModelKey(key)) return undefined;
    const flat = new Float32Array(bytes.byteLength / 4);
    new Uint8Array(flat.buffer).set(bytes);
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
 * write identical bytes. The metadata goes last, so its presence means the weights are complete;
 * it holds the weights' sha256, which every read checks.
 */
export async function writeCachedModel(
  dir: string,
  weights: MlpWeights,
  meta: ModelCacheMeta,
): Promise<{ bin: string; json: string }> {
  const paths = modelCachePaths(dir, hashModelKey(meta.key));
  await mkdir(dir, { recursive: true }).catch((cause: unknown) => {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `cannot create the model cache ${dir}`, { cause });
  });
  const flat = packMlp(weights);
  const bytes = new Uint8Array(flat.buffer, flat.byteOffset, flat.byteLength);
  await writeAtomically(paths.bin, bytes);
  const withHash: ModelCacheMeta = { ...meta, sha256: hashWeightBytes(bytes) };
  await writeAtomically(paths.json, `${JSON.stringify(withHash, null, 2)}\n`);
  return paths;
}
