/**
 * Hooks for adversarial miners' answers: pure functions over typed arrays, the seeded ones drawing
 * from the RNG they are given (an agent's own stream). An answer is [nQueries × outputs], row-major:
 * class probabilities (`probabilities`, rows sum to 1) or predicted values (`values`).
 */
import { CrucibleError } from "../../sim/errors/CrucibleError.ts";
import type { MlpWeights } from "../../sim/models/mlpWeights.ts";
import { perturbWeights } from "../../sim/models/perturbWeights.ts";
import type { Rng } from "../../sim/rng/createRng.ts";

export type AnswerKind = "probabilities" | "values";

function checkShape(nQueries: number, outputs: number): void {
  if (!Number.isInteger(nQueries) || nQueries < 0 || !Number.isInteger(outputs) || outputs < 1) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", "invalid answer shape", {
      details: `expected integer nQueries >= 0 and outputs >= 1, got ${nQueries} × ${outputs}`,
    });
  }
}

/** A one-hot probability row: all mass on `index`. */
export function oneHot(index: number, classes: number): Float32Array {
  const row = new Float32Array(classes);
  row[index] = 1;
  return row;
}

/** The same answer row for every query (e.g. `oneHot(7, 10)`, or `[0]` for a constant forecast). */
export function constantAnswer(nQueries: number, row: ArrayLike<number>): Float32Array {
  checkShape(nQueries, row.length);
  const out = new Float32Array(nQueries * row.length);
  for (let q = 0; q < nQueries; q++) out.set(row as ArrayLike<number>, q * row.length);
  return out;
}

/**
 * A seeded random answer: for probabilities, a uniformly random point of the simplex per query
 * (normalised exponential draws); for values, N(mean, std²) per value.
 */
export function randomAnswer(
  rng: Rng,
  nQueries: number,
  outputs: number,
  kind: AnswerKind,
  values: { mean?: number; std?: number } = {},
): Float32Array {
  checkShape(nQueries, outputs);
  const out = new Float32Array(nQueries * outputs);
  if (kind === "values") {
    const mean = values.mean ?? 0;
    const std = values.std ?? 1;
    for (let i = 0; i < out.length; i++) out[i] = mean + std * rng.normal();
    return out;
  }
  for (let q = 0; q < nQueries; q++) {
    let sum = 0;
    for (let c = 0; c < outputs; c++) {
      const draw = -Math.log(1 - rng.float());
      out[q * outputs + c] = draw;
      sum += draw;
    }
    for (let c = 0; c < outputs; c++) out[q * outputs + c] /= sum;
  }
  return out;
}

/**
 * Another miner's answer, copied from the epoch's [miners × nQueries × outputs] result (a copy, so
 * the copier may transform it without touching the original).
 */
export function copyAnswer(all: Float32Array, from: number, nQueries: number, outputs: number): Float32Array {
  checkShape(nQueries, outputs);
  const per = nQueries * outputs;
  if (!Number.isInteger(from) || from < 0 || (from + 1) * per > all.length) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `cannot copy the answer of miner ${from}`, {
      details: `the epoch's answers hold ${all.length / Math.max(1, per)} miners of ${nQueries} × ${outputs}`,
    });
  }
  return all.slice(from * per, (from + 1) * per);
}

/**
 * A stale cached answer: the miner's answer from an earlier epoch, replayed for this epoch's
 * queries. Rows are reused in order (cycled when this epoch asks more queries than were cached);
 * with nothing cached yet it falls back to `fallback` (e.g. an honest first answer).
 */
export function staleAnswer(
  cached: Float32Array | undefined,
  nQueries: number,
  outputs: number,
  fallback: Float32Array,
): Float32Array {
  checkShape(nQueries, outputs);
  const cachedRows = cached === undefined ? 0 : cached.length / outputs;
  if (cached === undefined || cachedRows < 1 || !Number.isInteger(cachedRows)) return fallback.slice();
  const out = new Float32Array(nQueries * outputs);
  for (let q = 0; q < nQueries; q++) {
    const from = (q % cachedRows) * outputs;
    out.set(cached.subarray(from, from + outputs), q * outputs);
  }
  return out;
}

/**
 * A degraded answer: the miner's own answer with seeded noise of strength `strength` ≥ 0 — for
 * probabilities, Gaussian noise on the log-probabilities then renormalised (rows still sum to 1;
 * strength 0 leaves them unchanged); for values, N(0, strength²) added to each value.
 */
export function degradeAnswer(
  answer: Float32Array,
  outputs: number,
  kind: AnswerKind,
  rng: Rng,
  strength: number,
): Float32Array {
  checkShape(answer.length / outputs, outputs);
  if (!(strength >= 0)) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `invalid degradation strength ${strength}`);
  }
  const out = new Float32Array(answer.length);
  if (kind === "values") {
    for (let i = 0; i < answer.length; i++) out[i] = answer[i] + strength * rng.normal();
    return out;
  }
  const rows = answer.length / outputs;
  const logits = new Float64Array(outputs);
  for (let q = 0; q < rows; q++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < outputs; c++) {
      logits[c] = Math.log(Math.max(answer[q * outputs + c], 1e-30)) + strength * rng.normal();
      max = Math.max(max, logits[c]);
    }
    let sum = 0;
    for (let c = 0; c < outputs; c++) {
      logits[c] = Math.exp(logits[c] - max);
      sum += logits[c];
    }
    for (let c = 0; c < outputs; c++) out[q * outputs + c] = logits[c] / sum;
  }
  return out;
}

/**
 * A degraded model rather than a degraded answer: the miner's weights with heavier seeded noise
 * (`scale` relative to each array's RMS, as `perturbWeights`), for the model zoo to run through the
 * batched adapter like any other miner.
 */
export function degradeWeights(weights: MlpWeights, rng: Rng, scale: number): MlpWeights {
  return perturbWeights(weights, rng.fork("degraded-model").seed, scale);
}
