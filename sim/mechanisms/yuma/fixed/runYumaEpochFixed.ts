import { computeActivity } from "../computeActivity.ts";
import { YUMA, type YumaEpochInput, type YumaEpochResult, type YumaVariant } from "../yumaEpochTypes.ts";
import type { YumaHyperparameters } from "../yumaHyperparameters.ts";
import { fixedClassicBonds, fixedYuma3Bonds } from "./fixedBonds.ts";
import { fixedNormalizeStake } from "./fixedStake.ts";
import { fixedWeightedMedianColumns } from "./fixedWeightedMedian.ts";
import {
  add,
  checkedMulOrZero,
  type Fixed,
  fromInt,
  normalize,
  proportionToU16,
  safeDiv,
  sub,
  sum,
  toNumber,
  u16Proportion,
  ZERO,
} from "./i32f32.ts";
import {
  clipColumnsSparse,
  columnWeightedSums,
  dropColumns,
  interpolateSparse,
  maxUpscaleColumnsSparse,
  normalizeRows,
  rowSums,
  type SparseRows,
} from "./sparseRows.ts";

/**
 * One Yuma Consensus epoch in the chain's fixed-point arithmetic (subtensor `epoch_mechanism`,
 * sparse path, I32F32 with substrate-fixed rounding, reference §1.10-1), so stored u16 bonds and
 * integer emissions match the chain bit for bit. BigInt throughout: meant for cases and checks of
 * up to a few hundred UIDs, not for large simulations (use `runYumaEpoch`).
 */
export function runYumaEpochFixed(
  input: YumaEpochInput,
  params: YumaHyperparameters,
  variant: YumaVariant = YUMA,
  emission: bigint = params.emissionPerEpoch,
): YumaEpochResult {
  const { n } = input;
  const owner = input.ownerUid !== undefined && input.ownerUid < n ? input.ownerUid : undefined;
  const u16Max = fromInt(65535);

  // 1-4: activity, stake (I64F64 → I32F32), permits with the one-epoch lag, active stake.
  const active = computeActivity(input.lastUpdate, input.block, params.activityCutoff);
  const stake = fixedNormalizeStake(input.stake, params.stakeThreshold, owner);
  const permit = Array.from({ length: n }, (_, i) => input.previousPermits[i] === 1 || i === owner);
  const newPermit = topkNonzero(stake, params.maxAllowedValidators, owner);
  const activeStake = normalize(stake.map((s, i) => (active[i] && permit[i] ? s : ZERO)));

  // 5: weights (sparse rows, masks, row normalisation).
  let weights: SparseRows = Array.from({ length: n }, (_, i) => {
    const row = input.weights[i];
    if (!permit[i] || row === undefined) return [];
    const present = input.weightPresent?.[i];
    const out: [number, Fixed][] = [];
    for (let j = 0; j < n; j++) {
      const exists = present === undefined ? row[j] > 0 : present[j] === 1;
      if (!exists || (j === i && i !== owner) || input.lastUpdate[i] <= input.registeredAt[j]) continue;
      out.push([j, fromInt(row[j])]);
    }
    return out;
  });
  weights = normalizeRows(weights);

  // 6-9: consensus, clipping, validator trust, incentive.
  const kappa = safeDiv(fromInt(params.kappaU16), u16Max);
  const consensus = fixedWeightedMedianColumns(activeStake, weights, n, kappa);
  const clipped = variant.clip ? clipColumnsSparse(weights, consensus) : weights;
  const validatorTrust = rowSums(clipped);
  const incentive = normalize(columnWeightedSums(clipped, activeStake, n));

  // 10-11: bonds and dividends.
  const beta = safeDiv(fromInt(params.bondsPenaltyU16), u16Max);
  const weightsForBonds = interpolateSparse(weights, clipped, n, beta);
  const lastTempo =
    input.lastEpochBlock === undefined ? input.block - params.tempo : input.lastEpochBlock + 1;
  const recent = (j: number) => lastTempo <= input.registeredAt[j];
  // I64F64(bma) / 1e6 truncated to I32F32, then α = 1 − that.
  const alpha = sub(fromInt(1), ((BigInt(params.bondsMovingAverageU64) << 64n) / 1_000_000n) >> 32n);
  let dividends: Fixed[];
  let stored: SparseRows = [];
  if (!variant.bonds) {
    dividends = normalize(validatorTrust.map((t, i) => checkedMulOrZero(t, activeStake[i])));
  } else if (params.yuma3) {
    const previous = dropColumns(
      storedBonds(input, n, (b) => u16Proportion(b)),
      recent,
    );
    const r = fixedYuma3Bonds(n, weightsForBonds, previous, consensus, activeStake, incentive, {
      liquidAlpha: params.liquidAlpha,
      alpha,
      alphaLow: safeDiv(fromInt(params.alphaLowU16), u16Max),
      alphaHigh: safeDiv(fromInt(params.alphaHighU16), u16Max),
      steepnessI16: params.alphaSigmoidSteepnessI16,
      bondsUpdate: params.bondsUpdate,
    });
    dividends = r.dividends;
    stored = r.ema;
  } else {
    const previous = dropColumns(
      storedBonds(input, n, (b) => fromInt(b)),
      recent,
    );
    const r = fixedClassicBonds(n, weightsForBonds, previous, activeStake, incentive, alpha);
    dividends = r.dividends;
    stored = maxUpscaleColumnsSparse(r.ema, n);
  }

  // 12: emission shares normalised by Σ(I + D), stake fallback, floor(share · E).
  const combined = incentive.map((x, i) => add(x, dividends[i]));
  const total = sum(combined);
  let serverShare = total === 0n ? incentive : incentive.map((x) => safeDiv(x, total));
  let validatorShare = total === 0n ? dividends : dividends.map((x) => safeDiv(x, total));
  let combinedShare = normalize(combined.slice());
  if (total === 0n) {
    const fallback = sum(activeStake) === 0n ? stake : activeStake;
    validatorShare = fallback;
    combinedShare = fallback;
    serverShare = incentive;
  }
  const pay = (shares: Fixed[]) => shares.map((s) => (s > 0n ? (s * emission) >> 32n : 0n));

  // 13: storage — bonds rows for new permits, cleared for lost permits, untouched otherwise.
  const bonds: (Uint16Array | undefined)[] = Array.from({ length: n }, (_, i) => {
    if (newPermit[i]) {
      if (!variant.bonds) return undefined;
      const row = new Uint16Array(n);
      for (const [j, v] of stored[i] ?? []) row[j] = proportionToU16(v);
      return row;
    }
    return permit[i] ? undefined : input.bonds[i];
  });
  const floats = (xs: Fixed[]) => Float64Array.from(xs, toNumber);
  return {
    stakeWeight: floats(stake),
    activeStake: floats(activeStake),
    active,
    consensus: floats(consensus),
    incentive: floats(incentive),
    dividends: floats(dividends),
    validatorTrust: floats(validatorTrust),
    validatorPermit: Uint8Array.from(newPermit, (p) => (p ? 1 : 0)),
    bonds,
    serverShare: floats(serverShare),
    validatorShare: floats(validatorShare),
    serverEmission: pay(serverShare),
    validatorEmission: pay(validatorShare),
    combinedEmission: pay(combinedShare),
  };
}

/** Stored u16 bonds as sparse rows (a stored zero and an absent entry weigh the same everywhere). */
function storedBonds(input: YumaEpochInput, n: number, read: (b: number) => Fixed): SparseRows {
  return Array.from({ length: n }, (_, i) => {
    const row = input.bonds[i];
    if (row === undefined) return [];
    const out: [number, Fixed][] = [];
    for (let j = 0; j < Math.min(n, row.length); j++) if (row[j] !== 0) out.push([j, read(row[j])]);
    return out;
  });
}

/** `is_topk_nonzero` on I32F32 stake (stable ascending sort; owner forced). */
function topkNonzero(stake: readonly Fixed[], k: number, owner?: number): boolean[] {
  const n = stake.length;
  const out = stake.map((s) => s !== 0n);
  if (n >= k) {
    const order = stake
      .map((_, i) => i)
      .sort((a, b) => (stake[a] < stake[b] ? -1 : stake[a] > stake[b] ? 1 : 0));
    for (let r = 0; r < n - k; r++) out[order[r]] = false;
  }
  if (owner !== undefined) out[owner] = true;
  return out;
}
