import { CrucibleError } from "../../errors/CrucibleError.ts";
import { YUMA_VARIANTS } from "../createMechanism.ts";
import { computeStakeWeightedMean } from "../stakeWeightedMean.ts";
import { computeActivity } from "../yuma/computeActivity.ts";
import { computeEmission } from "../yuma/computeEmission.ts";
import { maxUpscaleWeights } from "../yuma/fixed/maxUpscaleWeights.ts";
import { runYumaEpochFixed } from "../yuma/fixed/runYumaEpochFixed.ts";
import { normalizeStake } from "../yuma/normalizeStake.ts";
import { runYumaEpoch } from "../yuma/runYumaEpoch.ts";
import type { YumaEpochResult } from "../yuma/yumaEpochTypes.ts";
import { resolveYumaHyperparameters, type YumaHyperparameters } from "../yuma/yumaHyperparameters.ts";
import { formatCaseError } from "./formatCaseError.ts";
import { type MechanismCase, mechanismCaseSchema } from "./mechanismCaseSchema.ts";

export type Arithmetic = "float64" | "fixed";

export interface RunMechanismCaseOptions {
  /** `float64` (default) or `fixed`: the chain's I32F32 rules, bit-exact bonds and emissions. */
  readonly arithmetic?: Arithmetic;
  /** Name used in error messages (the case file's path). */
  readonly file?: string;
}

/** One epoch of a case's output; emissions are integer strings (rao). */
export interface MechanismCaseEpochResult {
  readonly consensus: number[];
  readonly incentive: number[];
  readonly dividends: number[];
  readonly validatorTrust: number[];
  /** Stored u16 bonds after the epoch, one row per UID (empty for mechanisms without bonds rows). */
  readonly bonds: number[][];
  /** What each UID is paid this epoch: floor(E · I/Σ) + floor(E · D/Σ), as the chain pays it. */
  readonly emission: string[];
  readonly validatorPermit: boolean[];
  readonly active: boolean[];
}

export interface MechanismCaseResult {
  readonly epochs: MechanismCaseEpochResult[];
}

/**
 * Runs a mechanism case (see `mechanismCaseSchema`) epoch by epoch. Weight rows are stored as the
 * chain's `set_weights` stores them (max-upscaled to u16) and persist until replaced; setting a row
 * makes the epoch's block that validator's last update. Invalid cases throw
 * `CRUCIBLE_MECHANISM_INVALID` naming the file and field.
 */
export function runMechanismCase(
  caseObject: unknown,
  options: RunMechanismCaseOptions = {},
): MechanismCaseResult {
  const file = options.file ?? "case";
  const arithmetic = options.arithmetic ?? "float64";
  const parsed = mechanismCaseSchema.safeParse(caseObject);
  if (!parsed.success) throw formatCaseError(file, parsed.error.issues);
  const c = parsed.data;
  const params = resolveYumaHyperparameters(c.hyperparameters ?? {});
  if (c.mechanism === "stake-weighted-mean" && arithmetic === "fixed") {
    throw new CrucibleError(
      "CRUCIBLE_MECHANISM_INVALID",
      `${file}: mechanism: stake-weighted-mean has no fixed-point form, expected --arithmetic float64`,
    );
  }
  return { epochs: runEpochs(c, params, arithmetic) };
}

function runEpochs(
  c: MechanismCase,
  params: YumaHyperparameters,
  arithmetic: Arithmetic,
): MechanismCaseEpochResult[] {
  const n = c.stake.length;
  const stake = Float64Array.from(c.stake);
  const registeredAt = Float64Array.from(c.registeredAtBlock ?? new Array(n).fill(0));
  const lastUpdate = registeredAt.slice();
  const weights: (Float64Array | undefined)[] = new Array(n).fill(undefined);
  const present: (Uint8Array | undefined)[] = new Array(n).fill(undefined);
  let permits: Uint8Array = new Uint8Array(n);
  let bonds: (Uint16Array | undefined)[] = new Array(n).fill(undefined);
  let lastEpochBlock: number | undefined;
  const out: MechanismCaseEpochResult[] = [];
  for (const epoch of c.epochs) {
    for (const [key, row] of Object.entries(epoch.setWeights ?? {})) {
      const uid = Number(key);
      const targets = Array.isArray(row) ? row.map((_, j) => j) : Object.keys(row).map(Number);
      const values = Array.isArray(row) ? row : Object.values(row);
      const stored = maxUpscaleWeights(values);
      const dense = new Float64Array(n);
      const exists = new Uint8Array(n);
      targets.forEach((j, k) => {
        dense[j] = stored[k];
        exists[j] = 1;
      });
      weights[uid] = dense;
      present[uid] = exists;
      lastUpdate[uid] = epoch.block;
    }
    for (const j of epoch.resetBonds ?? []) {
      bonds = bonds.map((row) => (row === undefined ? row : row.map((b, col) => (col === j ? 0 : b))));
    }
    if (c.mechanism === "stake-weighted-mean") {
      out.push(stakeWeightedMeanEpoch(n, stake, weights, lastUpdate, registeredAt, epoch.block, params));
      continue;
    }
    const input = {
      n,
      block: epoch.block,
      stake,
      weights,
      weightPresent: present,
      lastUpdate,
      registeredAt,
      previousPermits: permits,
      bonds,
      lastEpochBlock,
      ownerUid: c.ownerUid,
    };
    const variant = YUMA_VARIANTS[c.mechanism];
    const result =
      arithmetic === "fixed"
        ? runYumaEpochFixed(input, params, variant)
        : runYumaEpoch(input, params, variant);
    permits = result.validatorPermit;
    bonds = result.bonds;
    lastEpochBlock = epoch.block;
    out.push(toCaseEpoch(n, result));
  }
  return out;
}

function toCaseEpoch(n: number, r: YumaEpochResult): MechanismCaseEpochResult {
  return {
    consensus: Array.from(r.consensus),
    incentive: Array.from(r.incentive),
    dividends: Array.from(r.dividends),
    validatorTrust: Array.from(r.validatorTrust),
    bonds: Array.from({ length: n }, (_, i) => (r.bonds[i] ? Array.from(r.bonds[i]) : new Array(n).fill(0))),
    emission: r.serverEmission.map((s, i) => (s + r.validatorEmission[i]).toString()),
    validatorPermit: Array.from(r.validatorPermit, (p) => p === 1),
    active: Array.from(r.active, (a) => a === 1),
  };
}

function stakeWeightedMeanEpoch(
  n: number,
  stake: Float64Array,
  weights: (Float64Array | undefined)[],
  lastUpdate: Float64Array,
  registeredAt: Float64Array,
  block: number,
  params: YumaHyperparameters,
): MechanismCaseEpochResult {
  const dense = new Float64Array(n * n);
  weights.forEach((row, i) => {
    if (row) dense.set(row, i * n);
  });
  const out = computeStakeWeightedMean({ n, stake, weights: dense, lastUpdate, registeredAt, block });
  const s = normalizeStake(stake, 0);
  const split = computeEmission(out.incentive, out.dividends, s, s, params.emissionPerEpoch);
  return {
    consensus: Array.from(out.consensus),
    incentive: Array.from(out.incentive),
    dividends: Array.from(out.dividends),
    validatorTrust: Array.from(out.validatorTrust),
    bonds: [],
    emission: split.serverEmission.map((x, i) => (x + split.validatorEmission[i]).toString()),
    validatorPermit: new Array(n).fill(false),
    active: Array.from(computeActivity(lastUpdate, block, params.activityCutoff), (a) => a === 1),
  };
}
