import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Rng } from "../rng/createRng.ts";

/** Pixels per digit image (28 × 28, grey levels in [0, 1]). */
export const DIGIT_FEATURES = 784;
export const DIGIT_CLASSES = 10;
/**
 * The `mnist` package ships 10,000 real digits, 863 to 1,127 per class; splits take the same number
 * from every class, so each part is balanced.
 */
export const SMALLEST_CLASS_SIZE = 863;

/** How many digits of each class go to each part; the three must sum to at most 863. */
export interface DigitSplit {
  trainPerClass: number;
  heldoutPerClass: number;
  queryPerClass: number;
}

export const DEFAULT_DIGIT_SPLIT: DigitSplit = {
  trainPerClass: 600,
  heldoutPerClass: 100,
  queryPerClass: 150,
};

/**
 * The task data of a run: train (to build the model zoo), held-out (a miner's true accuracy) and the
 * query pool (validators' tasks). X is row-major [n × 784], Y holds labels 0-9.
 */
export interface DigitData {
  trainX: Float32Array;
  trainY: Uint8Array;
  heldoutX: Float32Array;
  heldoutY: Uint8Array;
  queryX: Float32Array;
  queryY: Uint8Array;
  /** Identifies the split exactly (seed and sizes): part of the model cache key. */
  splitKey: { seed: number } & DigitSplit;
}

let rawDigits: Promise<Float32Array[]> | undefined;

/** The 10 per-class arrays [n_d × 784], parsed once per process. */
function readRawDigits(): Promise<Float32Array[]> {
  rawDigits ??= (async () => {
    const require = createRequire(import.meta.url);
    const dir = path.join(path.dirname(require.resolve("mnist/package.json")), "src", "digits");
    const parts: Float32Array[] = [];
    for (let d = 0; d < DIGIT_CLASSES; d++) {
      const file = path.join(dir, `${d}.json`);
      const parsed = JSON.parse(await readFile(file, "utf8")) as { data?: number[] };
      const n = (parsed.data?.length ?? 0) / DIGIT_FEATURES;
      if (!Number.isInteger(n) || n < SMALLEST_CLASS_SIZE) {
        throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `unexpected digit data in ${file}`, {
          details: `expected at least ${SMALLEST_CLASS_SIZE} images of ${DIGIT_FEATURES} values, got ${parsed.data?.length} values`,
        });
      }
      parts.push(Float32Array.from(parsed.data as number[]));
    }
    return parts;
  })();
  rawDigits.catch(() => {
    rawDigits = undefined;
  });
  return rawDigits;
}

function gather(raw: Float32Array[], picks: Array<[number, number]>): { x: Float32Array; y: Uint8Array } {
  const x = new Float32Array(picks.length * DIGIT_FEATURES);
  const y = new Uint8Array(picks.length);
  picks.forEach(([digit, index], row) => {
    const start = index * DIGIT_FEATURES;
    x.set(raw[digit].subarray(start, start + DIGIT_FEATURES), row * DIGIT_FEATURES);
    y[row] = digit;
  });
  return { x, y };
}

/**
 * Real handwritten digits split into train / held-out / query pool with the run's RNG: each class is
 * shuffled and cut (so every part is balanced), then each part is shuffled. Same seed, same split.
 */
export async function loadDigits(rng: Rng, split: DigitSplit = DEFAULT_DIGIT_SPLIT): Promise<DigitData> {
  const { trainPerClass, heldoutPerClass, queryPerClass } = split;
  const sizes = [trainPerClass, heldoutPerClass, queryPerClass];
  const total = trainPerClass + heldoutPerClass + queryPerClass;
  if (sizes.some((n) => !Number.isInteger(n) || n < 0) || total > SMALLEST_CLASS_SIZE) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", "invalid digit split", {
      details: `per-class counts must be non-negative integers summing to at most ${SMALLEST_CLASS_SIZE}, got ${JSON.stringify(split)}`,
    });
  }
  const raw = await readRawDigits();
  const parts: Array<Array<[number, number]>> = [[], [], []];
  for (let d = 0; d < DIGIT_CLASSES; d++) {
    const order = rng.sample(raw[d].length / DIGIT_FEATURES, total);
    let offset = 0;
    sizes.forEach((n, p) => {
      for (const index of order.slice(offset, offset + n)) parts[p].push([d, index]);
      offset += n;
    });
  }
  const [train, heldout, query] = parts.map((picks) => gather(raw, rng.shuffle(picks)));
  return {
    trainX: train.x,
    trainY: train.y,
    heldoutX: heldout.x,
    heldoutY: heldout.y,
    queryX: query.x,
    queryY: query.y,
    splitKey: { seed: rng.seed, ...split },
  };
}
