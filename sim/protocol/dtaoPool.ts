import { MAX_TRADE_RATIO, MIN_RESERVE, U16_MAX, WAD } from "./dtaoUnits.ts";

/**
 * A subnet's TAO↔alpha pool (../shared/reference/dtao.md §1) with the reference's simulator
 * simplification w = 0.5, where the weighted (Balancer) invariant x^w1·y^w2 is exactly constant
 * product: `p = y/x`, buy `Δx = x·Δy/(y+Δy)`, sell `Δy = y·Δx/(x+Δx)`. Amounts in rao, outputs
 * floored (the pool keeps the dust, so x·y never falls). The fee, `floor(in·feeRate/65535)`, is
 * deducted from the input and burned: the simulated chain has no block author to receive it.
 */
export interface Pool {
  /** TAO reserve `y` (SubnetTAO). */
  readonly tao: bigint;
  /** Alpha reserve `x` (SubnetAlphaIn). */
  readonly alpha: bigint;
}

/** Why a swap is refused; the contract's custom error of the same name. */
export type SwapRefusal = "ReserveTooSmall" | "TradeTooLarge" | "ZeroOutput";

export type SwapResult =
  | {
      readonly ok: true;
      /** Alpha out (buy) or TAO out (sell). */
      readonly out: bigint;
      /** Fee taken from the input (burned). */
      readonly fee: bigint;
      readonly pool: Pool;
    }
  | { readonly ok: false; readonly error: SwapRefusal };

/** Spot price, TAO per alpha, in wad (0 for an empty pool). */
export function spotPrice(pool: Pool): bigint {
  return pool.alpha === 0n ? 0n : (pool.tao * WAD) / pool.alpha;
}

/** The fee on an input amount at `feeRate`/65535. */
export function swapFee(amount: bigint, feeRate: bigint): bigint {
  return (amount * feeRate) / U16_MAX;
}

function swap(inReserve: bigint, outReserve: bigint, amountIn: bigint, feeRate: bigint) {
  const fee = swapFee(amountIn, feeRate);
  const net = amountIn - fee;
  if (outReserve < MIN_RESERVE) return { ok: false as const, error: "ReserveTooSmall" as const };
  if (net > MAX_TRADE_RATIO * inReserve) return { ok: false as const, error: "TradeTooLarge" as const };
  const out = (outReserve * net) / (inReserve + net);
  if (out === 0n) return { ok: false as const, error: "ZeroOutput" as const };
  return { ok: true as const, out, fee, net };
}

/** Buys alpha with `taoIn` TAO (fee included). */
export function buyAlpha(pool: Pool, taoIn: bigint, feeRate: bigint): SwapResult {
  const s = swap(pool.tao, pool.alpha, taoIn, feeRate);
  if (!s.ok) return s;
  return { ok: true, out: s.out, fee: s.fee, pool: { tao: pool.tao + s.net, alpha: pool.alpha - s.out } };
}

/** Sells `alphaIn` alpha for TAO (fee included, taken in alpha). */
export function sellAlpha(pool: Pool, alphaIn: bigint, feeRate: bigint): SwapResult {
  const s = swap(pool.alpha, pool.tao, alphaIn, feeRate);
  if (!s.ok) return s;
  return { ok: true, out: s.out, fee: s.fee, pool: { tao: pool.tao - s.out, alpha: pool.alpha + s.net } };
}
