import { type DigitShard, makeShard, type ShardQuality, splitDigitShards } from "../../models/digitShards.ts";
import { fineTuneMlp } from "../../models/fineTuneMlp.ts";
import { initMlpWeights } from "../../models/initMlpWeights.ts";
import { DIGIT_CLASSES, DIGIT_FEATURES, type DigitData } from "../../models/loadDigits.ts";
import type { MlpWeights } from "../../models/mlpWeights.ts";
import type { Rng } from "../../rng/createRng.ts";
import type { DataMarketScenario, ShardQualityInput } from "../../scenario/dataMarketSchema.ts";

export interface ProviderData {
  name: string;
  quality: ShardQuality;
  /** clean, noisy:<rate>, poisoned:<source>><target>:<rate> (the tables' spelling). */
  label: string;
  price: number;
  shards: DigitShard[];
}

export interface MarketData {
  providers: ProviderData[];
  /** The small model every miner starts from. */
  base: MlpWeights;
  /** The miners' own labelled probe set (from the query pool). */
  probe: { x: Float32Array; y: Uint8Array };
  /** The class the poisoners flip (the first poisoner's), if any. */
  targetClass?: number;
}

export function toShardQuality(q: ShardQualityInput): ShardQuality {
  return q === "clean" ? { kind: "clean" } : q;
}

export function qualityLabel(q: ShardQuality): string {
  if (q.kind === "clean") return "clean";
  if (q.kind === "noisy") return `noisy:${q.rate}`;
  return `poisoned:${q.source}>${q.target}:${q.rate}`;
}

function rows(x: Float32Array, y: Uint8Array, count: number) {
  return { x: x.slice(0, count * DIGIT_FEATURES), y: y.slice(0, count) };
}

/**
 * The market's data from the run's digits (pure but for tfjs training of the base): disjoint shards
 * of the training split for every provider and one more slice for the base model (one SGD pass over
 * `baseImages`), each provider's labels degraded by its quality with its own stream; the probe set
 * is the first `probeImages` of the query pool.
 */
export function prepareMarketData(config: DataMarketScenario, data: DigitData, rng: Rng): MarketData {
  const total = config.providers.reduce((s, p) => s + p.shards, 0);
  const baseShards = Math.ceil(config.baseImages / config.shardSize);
  const slices = splitDigitShards(
    rng.fork("shards"),
    data.trainX,
    data.trainY,
    total + baseShards,
    config.shardSize,
  );
  const baseX = new Float32Array(baseShards * config.shardSize * DIGIT_FEATURES);
  const baseY = new Uint8Array(baseShards * config.shardSize);
  slices.slice(total).forEach((s, i) => {
    baseX.set(s.x, i * s.x.length);
    baseY.set(s.y, i * s.y.length);
  });
  const small = rows(baseX, baseY, config.baseImages);
  const init = initMlpWeights(rng.fork("base-init"), DIGIT_FEATURES, config.hidden, DIGIT_CLASSES);
  const budget = { epochs: 1, batchSize: config.batchSize, learningRate: config.learningRate };
  const base = fineTuneMlp(init, small.x, small.y, budget, rng.fork("base-train")).weights;
  let next = 0;
  const providers = config.providers.map((p, i): ProviderData => {
    const quality = toShardQuality(p.quality);
    const own = slices.slice(next, next + p.shards);
    next += p.shards;
    const prng = rng.fork(`provider:${i}`);
    return {
      name: p.name,
      quality,
      label: qualityLabel(quality),
      price: p.price,
      shards: own.map((s) => makeShard(prng, s, quality)),
    };
  });
  const poisoner = providers.find((p) => p.quality.kind === "poisoned")?.quality;
  const probeCount = Math.min(config.probeImages, data.queryY.length);
  return {
    providers,
    base,
    probe: rows(data.queryX, data.queryY, probeCount),
    targetClass: poisoner?.kind === "poisoned" ? poisoner.source : undefined,
  };
}

/** The held-out images of one class, for the poisoned-class accuracy. */
export function classRows(data: DigitData, label: number): { x: Float32Array; y: Uint8Array } {
  const idx = [...data.heldoutY.keys()].filter((i) => data.heldoutY[i] === label);
  const x = new Float32Array(idx.length * DIGIT_FEATURES);
  idx.forEach((i, r) => {
    x.set(data.heldoutX.subarray(i * DIGIT_FEATURES, (i + 1) * DIGIT_FEATURES), r * DIGIT_FEATURES);
  });
  return { x, y: new Uint8Array(idx.length).fill(label) };
}
