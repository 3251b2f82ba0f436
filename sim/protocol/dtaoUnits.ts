import { toWei } from "./tokenUnits.ts";

/**
 * Units of the dynamic-TAO economy (../shared/reference/dtao.md §1): TAO and every alpha have 9
 * decimals (1 TAO = 1e9 rao); fractions (prices, EMA prices, shares, root proportion, TAO weight)
 * are 1e18 fixed point ("wad"), floored. The contracts (contracts/src/DtaoNetwork.sol) use the same
 * integers, so the memory protocol and the chain agree to the rao.
 */
export const RAO_PER_TAO = 10n ** 9n;
export const WAD = 10n ** 18n;
/** Denominator of the fee rate and the owner cut (subtensor's u16 fractions). */
export const U16_MAX = 65_535n;
/** The output-side reserve a swap needs (1e6 rao). */
export const MIN_RESERVE = 1_000_000n;
/** DefaultMinStake: 0.002 TAO. */
export const MIN_STAKE = 2_000_000n;
/** A swap's net input may be at most this many times the input-side reserve. */
export const MAX_TRADE_RATIO = 1_000n;
/** Issuance cap of TAO and of each alpha: 21 M tokens. */
export const ISSUANCE_CAP = 21_000_000n * RAO_PER_TAO;

/** Rao to TAO (or alpha) as a float, for tables and charts. */
export function raoToTao(rao: bigint): number {
  return Number(rao) / 1e9;
}

/** TAO (or alpha) to rao: the number's shortest decimal form, rounded half up to the rao. */
export function taoToRao(tokens: number): bigint {
  const wei = toWei(tokens);
  const rao = wei / RAO_PER_TAO;
  return (wei % RAO_PER_TAO) * 2n >= RAO_PER_TAO ? rao + 1n : rao;
}

/** A fraction (0.18) as wad: its shortest decimal form, exact to 18 decimals. */
export function toWad(fraction: number): bigint {
  return toWei(fraction);
}

/** Wad to a float. */
export function fromWad(wad: bigint): number {
  return Number(wad) / 1e18;
}
