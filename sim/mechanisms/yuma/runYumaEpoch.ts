import { DEFAULT_YUMA_KERNELS } from "../kernels/defaultYumaKernels.ts";
import { computeActiveStake } from "./computeActiveStake.ts";
import { computeActivity } from "./computeActivity.ts";
import { computeClassicBonds } from "./computeClassicBonds.ts";
import { computeEmission } from "./computeEmission.ts";
import { computeIncentive } from "./computeIncentive.ts";
import { computeValidatorPermits } from "./computeValidatorPermits.ts";
import { computeValidatorTrust } from "./computeValidatorTrust.ts";
import { computeWeightsForBonds } from "./computeWeightsForBonds.ts";
import { computeYuma3Bonds } from "./computeYuma3Bonds.ts";
import { loadBonds } from "./loadBonds.ts";
import { normalizeInPlace, normalizeStake } from "./normalizeStake.ts";
import { prepareWeights } from "./prepareWeights.ts";
import { quantizeBonds } from "./quantizeBonds.ts";
import { selectValidatorRows } from "./validatorRows.ts";
import { YUMA, type YumaEpochInput, type YumaEpochResult, type YumaVariant } from "./yumaEpochTypes.ts";
import type { YumaHyperparameters } from "./yumaHyperparameters.ts";
import type { YumaKernels } from "./yumaKernels.ts";
import { type Buffers, FRESH } from "./yumaWorkspace.ts";

/**
 * One Yuma Consensus epoch in float64 (subtensor `epoch_mechanism`, reference/mechanisms.md §1.2),
 * a pure function of the stored state. Emission is E = `params.emissionPerEpoch` unless given.
 * Pass a `YumaWorkspace` as `buffers` to reuse scratch matrices between epochs (large subnets), and
 * a `YumaKernels` set to choose who runs the heavy steps (default: the faster per step, with results
 * equal to the typed arrays'; `TYPED_ARRAY_KERNELS` forces typed arrays everywhere).
 */
export function runYumaEpoch(
  input: YumaEpochInput,
  params: YumaHyperparameters,
  variant: YumaVariant = YUMA,
  emission: bigint = params.emissionPerEpoch,
  buffers: Buffers = FRESH,
  kernels: YumaKernels = DEFAULT_YUMA_KERNELS,
): YumaEpochResult {
  const { n, ownerUid } = input;
  const owner = ownerUid !== undefined && ownerUid < n ? ownerUid : undefined;
  const f = params.float;

  // 1-4: activity, stake, permits (masks use the previous epoch's), active stake.
  const active = computeActivity(input.lastUpdate, input.block, params.activityCutoff);
  const stakeWeight = normalizeStake(input.stake, params.stakeThreshold, owner);
  const permit = new Uint8Array(n);
  permit.set(input.previousPermits.subarray(0, n));
  if (owner !== undefined) permit[owner] = 1;
  const newPermit = computeValidatorPermits(stakeWeight, params.maxAllowedValidators, owner);
  const activeStake = computeActiveStake(stakeWeight, active, permit);

  // 5-9: weights, consensus, clipping, validator trust, incentive.
  const rows = selectValidatorRows(permit, input.bonds);
  const weights = prepareWeights(
    n,
    rows,
    input.weights,
    input.weightPresent,
    permit,
    input.lastUpdate,
    input.registeredAt,
    owner,
    buffers,
  );
  const rowStake = Float64Array.from(rows.uids, (i) => activeStake[i]);
  const consensus = kernels.consensus(n, rowStake, weights.values, f.kappa);
  const clipped = variant.clip ? kernels.clip(n, weights, consensus, buffers) : weights;
  const validatorTrust = computeValidatorTrust(n, rows, clipped.values);
  const incentive = computeIncentive(n, rows, activeStake, clipped.values);

  // 10-11: bonds and dividends.
  const weightsForBonds = computeWeightsForBonds(weights, clipped, f.bondsPenalty, buffers);
  const lastTempo =
    input.lastEpochBlock === undefined ? input.block - params.tempo : input.lastEpochBlock + 1;
  let dividends: Float64Array;
  let bondRows: Uint16Array[] = [];
  if (!variant.bonds) {
    dividends = new Float64Array(n);
    for (let i = 0; i < n; i++) dividends[i] = activeStake[i] * validatorTrust[i];
    normalizeInPlace(dividends);
  } else if (params.yuma3) {
    const previous = loadBonds(n, rows, input.bonds, input.registeredAt, lastTempo, 65535, buffers);
    const result = computeYuma3Bonds(
      n,
      rows,
      weightsForBonds,
      previous,
      consensus,
      activeStake,
      incentive,
      {
        liquidAlpha: params.liquidAlpha,
        alpha: f.bondsAlpha,
        alphaLow: f.alphaLow,
        alphaHigh: f.alphaHigh,
        steepness: f.alphaSigmoidSteepness,
        bondsUpdate: params.bondsUpdate,
      },
      buffers,
      kernels.yuma3BondEma,
    );
    dividends = result.dividends;
    bondRows = quantizeBonds(n, result.bonds, false);
  } else {
    const previous = loadBonds(n, rows, input.bonds, input.registeredAt, lastTempo, 1, buffers);
    const result = computeClassicBonds(
      n,
      rows,
      weightsForBonds.values,
      previous,
      activeStake,
      incentive,
      f.bondsAlpha,
      buffers,
      kernels.classicBondEma,
    );
    dividends = result.dividends;
    bondRows = quantizeBonds(n, result.bonds, true);
  }

  // 12: emission. 13: storage of bonds (rows kept for new permits, cleared for lost ones).
  const split = computeEmission(incentive, dividends, stakeWeight, activeStake, emission);
  const bonds: (Uint16Array | undefined)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (newPermit[i]) {
      const r = rows.rowOf[i];
      bonds[i] = r >= 0 && variant.bonds ? bondRows[r] : undefined;
    } else if (permit[i]) bonds[i] = undefined;
    else bonds[i] = input.bonds[i];
  }
  return {
    stakeWeight,
    activeStake,
    active,
    consensus,
    incentive,
    dividends,
    validatorTrust,
    validatorPermit: newPermit,
    bonds,
    serverShare: split.serverShare,
    validatorShare: split.validatorShare,
    serverEmission: split.serverEmission,
    validatorEmission: split.validatorEmission,
    combinedEmission: split.combinedEmission,
  };
}
