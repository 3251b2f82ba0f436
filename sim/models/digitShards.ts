import { createHash } from "node:crypto";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Rng } from "../rng/createRng.ts";
import { DIGIT_CLASSES, DIGIT_FEATURES } from "./loadDigits.ts";

/** What a provider's shard holds: true labels, labels replaced at random, or targeted label flips. */
export type ShardQuality =
  | { kind: "clean" }
  /** Each label replaced, with probability `rate`, by a different class drawn uniformly. */
  | { kind: "noisy"; rate: number }
  /** Each image of class `source` labelled `target` instead, with probability `rate` (a targeted attack). */
  | { kind: "poisoned"; source: number; target: number; rate: number };

/** A slice of the task's training images with the labels its provider ships. */
export interface DigitShard {
  /** Row-major [n × 784]. */
  x: Float32Array;
  y: Uint8Array;
  quality: ShardQuality;
  /** Labels changed from the truth by the quality (0 for a clean shard). */
  changed: number;
  /** sha256 of the shard's bytes (labels, then pixels as little-endian float32): what the market lists. */
  contentHash: `0x${string}`;
}

/** sha256 over the labels and the pixels' bytes, as a bytes32 hex string. */
export function shardContentHash(x: Float32Array, y: Uint8Array): `0x${string}` {
  const hash = createHash("sha256");
  hash.update(y);
  hash.update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  return `0x${hash.digest("hex")}`;
}

/**
 * Cuts `count` disjoint slices of `size` images from the training split, chosen with the run's RNG
 * (never the `mnist` package's own unseeded `set()`). Each slice keeps its true labels.
 */
export function splitDigitShards(
  rng: Rng,
  trainX: Float32Array,
  trainY: Uint8Array,
  count: number,
  size: number,
): Array<{ x: Float32Array; y: Uint8Array }> {
  const n = trainY.length;
  if (!Number.isInteger(count) || !Number.isInteger(size) || count < 0 || size < 1 || count * size > n) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `cannot cut ${count} shards of ${size} images`, {
      details: `the training split holds ${n} images; shards are disjoint`,
    });
  }
  const picks = rng.sample(n, count * size);
  return Array.from({ length: count }, (_, s) => {
    const x = new Float32Array(size * DIGIT_FEATURES);
    const y = new Uint8Array(size);
    for (let row = 0; row < size; row++) {
      const i = picks[s * size + row];
      x.set(trainX.subarray(i * DIGIT_FEATURES, (i + 1) * DIGIT_FEATURES), row * DIGIT_FEATURES);
      y[row] = trainY[i];
    }
    return { x, y };
  });
}

/** The shard as its provider ships it: labels degraded by `quality` with the provider's RNG. */
export function makeShard(
  rng: Rng,
  slice: { x: Float32Array; y: Uint8Array },
  quality: ShardQuality,
): DigitShard {
  const y = Uint8Array.from(slice.y);
  if (quality.kind === "noisy") {
    for (let i = 0; i < y.length; i++) {
      if (rng.float() < quality.rate) y[i] = (y[i] + rng.int(1, DIGIT_CLASSES - 1)) % DIGIT_CLASSES;
    }
  } else if (quality.kind === "poisoned") {
    for (let i = 0; i < y.length; i++) {
      if (y[i] === quality.source && rng.float() < quality.rate) y[i] = quality.target;
    }
  }
  let changed = 0;
  for (let i = 0; i < y.length; i++) if (y[i] !== slice.y[i]) changed++;
  return { x: slice.x, y, quality, changed, contentHash: shardContentHash(slice.x, y) };
}
