import { normalizeInPlace, sumOf } from "./normalizeStake.ts";

export interface EmissionSplit {
  /** Share of E for each UID as a miner and as a validator (they sum to 1 when anything is paid). */
  readonly serverShare: Float64Array;
  readonly validatorShare: Float64Array;
  /** The chain's stored `Emission` share: normalised I + D. */
  readonly combinedShare: Float64Array;
  readonly serverEmission: bigint[];
  readonly validatorEmission: bigint[];
  readonly combinedEmission: bigint[];
}

/**
 * §1.2-12: shares I_j / Σ and D_i / Σ with Σ = Σ I + Σ D (normally 2); when nothing is ranked
 * (Σ = 0) everything goes to validators ∝ active stake, or ∝ stake if no stake is active. Amounts
 * are floor(E · share), so at most a few units per UID are left unpaid.
 */
export function computeEmission(
  incentive: Float64Array,
  dividends: Float64Array,
  stakeWeight: Float64Array,
  activeStake: Float64Array,
  emission: bigint,
): EmissionSplit {
  const n = incentive.length;
  const combined = new Float64Array(n);
  for (let i = 0; i < n; i++) combined[i] = incentive[i] + dividends[i];
  const total = sumOf(combined);
  let serverShare = incentive.slice();
  let validatorShare = dividends.slice();
  let combinedShare = normalizeInPlace(combined.slice());
  if (total !== 0) {
    for (let i = 0; i < n; i++) {
      serverShare[i] /= total;
      validatorShare[i] /= total;
    }
  } else {
    const fallback = sumOf(activeStake) === 0 ? stakeWeight : activeStake;
    serverShare = new Float64Array(n);
    validatorShare = fallback.slice();
    combinedShare = fallback.slice();
  }
  const e = Number(emission);
  const pay = (share: Float64Array) => Array.from(share, (x) => BigInt(Math.max(0, Math.floor(x * e))));
  const serverEmission = pay(serverShare);
  const validatorEmission = pay(validatorShare);
  const combinedEmission = pay(combinedShare);
  capTotal([serverEmission, validatorEmission], emission);
  capTotal([combinedEmission], emission);
  return { serverShare, validatorShare, combinedShare, serverEmission, validatorEmission, combinedEmission };
}

/**
 * Float64 shares can sum to 1 + 1e-16, and when every E · share lands on an integer the floors no
 * longer absorb it; take any excess unit from the largest payment so the total never exceeds E.
 * (The fixed-point path truncates and never needs this.)
 */
function capTotal(parts: bigint[][], emission: bigint): void {
  let total = 0n;
  for (const part of parts) for (const x of part) total += x;
  while (total > emission) {
    let best = parts[0];
    let at = 0;
    for (const part of parts) {
      for (let i = 0; i < part.length; i++) {
        if (part[i] > best[at]) {
          best = part;
          at = i;
        }
      }
    }
    best[at] -= 1n;
    total -= 1n;
  }
}
