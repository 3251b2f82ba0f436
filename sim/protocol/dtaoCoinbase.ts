import {
  blockEmission,
  emissionShares,
  injectionTerms,
  rootProportion,
  splitAlpha,
  updateEma,
} from "./dtaoEmission.ts";
import { buyAlpha, spotPrice } from "./dtaoPool.ts";
import { WAD } from "./dtaoUnits.ts";

/** One subnet's economy (../shared/reference/dtao.md §7, per subnet). Amounts in rao, fractions in wad. */
export interface SubnetEconomy {
  /** SubnetTAO `y`. */
  readonly tao: bigint;
  /** SubnetAlphaIn `x`. */
  readonly alphaIn: bigint;
  /** SubnetAlphaOut: stake, protocol alpha and the pending accumulators. */
  readonly alphaOut: bigint;
  /** Alpha bought by chain buys (counts in alphaOut, belongs to no one). */
  readonly protocolAlpha: bigint;
  /** SubnetMovingPrice. */
  readonly ema: bigint;
  readonly minerBurned: bigint;
  readonly emissionEnabled: boolean;
  /** SubnetOwnerCut as a fraction of 65535 (0: turned off). */
  readonly ownerCut: bigint;
  readonly firstEmissionBlock: bigint;
  readonly pendingServer: bigint;
  readonly pendingValidator: bigint;
  readonly pendingRoot: bigint;
  readonly pendingOwner: bigint;
}

export interface NetworkEconomy {
  /** The block about to run. */
  readonly block: bigint;
  /** SubnetTAO[0]: all TAO staked on root. */
  readonly rootTao: bigint;
  /** TAO issuance: free TAO plus every pool's and root's TAO. */
  readonly totalIssuance: bigint;
  /** Netuid i + 1 is subnets[i]. */
  readonly subnets: readonly SubnetEconomy[];
}

export interface EconomyParams {
  /** TaoWeight `tw` (wad). */
  readonly taoWeight: bigint;
  /** SubnetMovingAlpha (wad). */
  readonly movingAlpha: bigint;
  /** EMAPriceHalvingBlocks. */
  readonly emaHalvingBlocks: bigint;
}

/** What one block did in one subnet (for tables and tests). */
export interface BlockTerms {
  readonly share: bigint;
  readonly taoShare: bigint;
  readonly rootProportion: bigint;
  readonly taoIn: bigint;
  readonly alphaIn: bigint;
  /** Excess TAO spent on the chain buy (0 when the buy was refused: recycled). */
  readonly chainBuyTao: bigint;
  readonly chainBuyAlpha: bigint;
  readonly alphaEmission: bigint;
  readonly owner: bigint;
  readonly server: bigint;
  readonly validator: bigint;
  /** Root alpha: pending when root sells, else recycled. */
  readonly root: bigint;
}

/**
 * One block of `run_coinbase` and the EMA update (reference §2): the block's TAO `E(issuance)` split
 * by EMA price; per subnet the injection (capped by the root proportion), the chain buy with the
 * excess (on the pre-injection reserves, no fee), the injection itself, the alpha emission `A` into
 * the accumulators; then every EMA moves toward its spot price. Returns the next state.
 */
export function runBlock(
  network: NetworkEconomy,
  params: EconomyParams,
): { network: NetworkEconomy; terms: BlockTerms[] } {
  const E = blockEmission(network.totalIssuance);
  const shares = emissionShares(network.subnets);
  const rootSell = network.subnets.reduce((s, x) => s + x.ema, 0n) > WAD;
  let minted = 0n;
  const terms: BlockTerms[] = [];
  const subnets = network.subnets.map((s, i) => {
    const taoShare = (E * shares[i]) / WAD;
    const A = blockEmission(s.alphaIn + s.alphaOut);
    const rp = rootProportion(params.taoWeight, network.rootTao, s.alphaIn + s.alphaOut);
    const t = injectionTerms(taoShare, spotPrice({ tao: s.tao, alpha: s.alphaIn }), rp, A);
    let pool = { tao: s.tao, alpha: s.alphaIn };
    let chainBuyTao = 0n;
    let chainBuyAlpha = 0n;
    if (t.excessTao > 0n) {
      const buy = buyAlpha(pool, t.excessTao, 0n);
      if (buy.ok) {
        pool = buy.pool;
        chainBuyTao = t.excessTao;
        chainBuyAlpha = buy.out;
      }
    }
    pool = { tao: pool.tao + t.taoIn, alpha: pool.alpha + t.alphaIn };
    minted += t.taoIn + chainBuyTao;
    let alphaOut = s.alphaOut + chainBuyAlpha + A;
    const rpAfter = rootProportion(params.taoWeight, network.rootTao, pool.alpha + alphaOut);
    const split = splitAlpha(A, s.ownerCut, rpAfter);
    if (!rootSell) alphaOut -= split.root;
    terms.push({
      share: shares[i],
      taoShare,
      rootProportion: rp,
      taoIn: t.taoIn,
      alphaIn: t.alphaIn,
      chainBuyTao,
      chainBuyAlpha,
      alphaEmission: A,
      ...split,
    });
    return {
      ...s,
      tao: pool.tao,
      alphaIn: pool.alpha,
      alphaOut,
      protocolAlpha: s.protocolAlpha + chainBuyAlpha,
      pendingOwner: s.pendingOwner + split.owner,
      pendingServer: s.pendingServer + split.server,
      pendingValidator: s.pendingValidator + split.validator,
      pendingRoot: s.pendingRoot + (rootSell ? split.root : 0n),
    };
  });
  const moved = subnets.map((s) => ({
    ...s,
    ema: updateEma(
      s.ema,
      spotPrice({ tao: s.tao, alpha: s.alphaIn }),
      network.block,
      s.firstEmissionBlock,
      params.movingAlpha,
      params.emaHalvingBlocks,
    ),
  }));
  return {
    network: {
      ...network,
      block: network.block + 1n,
      totalIssuance: network.totalIssuance + minted,
      subnets: moved,
    },
    terms,
  };
}
