import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { hashLabel } from "./hashLabel.ts";

/**
 * The run's seeded randomness (Mesa's "the model owns the RNG"). One root seed per run; every
 * consumer takes a child stream with `fork(label)`, so adding a consumer never shifts the draws
 * of another. Nothing in Crucible draws from the global, unseeded generator.
 */
export interface Rng {
  readonly seed: number;
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [min, max] (both included). */
  int(min: number, max: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Fisher-Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct indices from [0, n), in draw order. */
  sample(n: number, count: number): number[];
  /** An independent child stream, derived from this stream's seed and the label only. */
  fork(label: string): Rng;
}

export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed))
    throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", `seed must be a safe integer, got ${seed}`);
  const gen = xoroshiro128plus((seed | 0) ^ (Math.floor(seed / 2 ** 32) | 0));
  const rng: Rng = {
    seed,
    float: () => uniformFloat64(gen),
    int: (min, max) => uniformInt(gen, min, max),
    normal() {
      let u = 0;
      while (u === 0) u = uniformFloat64(gen);
      const v = uniformFloat64(gen);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    shuffle(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = uniformInt(gen, 0, i);
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    sample(n, count) {
      if (count > n) throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", `cannot sample ${count} of ${n}`);
      const idx = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < count; i++) {
        const j = uniformInt(gen, i, n - 1);
        [idx[i], idx[j]] = [idx[j], idx[i]];
      }
      return idx.slice(0, count);
    },
    fork: (label) => createRng(hashLabel(seed, label)),
  };
  return rng;
}
