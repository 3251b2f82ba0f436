import { describe, expect, it } from "vitest";
import { type NetworkEconomy, runBlock, type SubnetEconomy } from "./dtaoCoinbase.ts";
import { distributeEpoch } from "./dtaoDistribution.ts";
import { sellAlpha, spotPrice } from "./dtaoPool.ts";
import { fromWad, raoToTao, taoToRao, toWad, WAD } from "./dtaoUnits.ts";

/**
 * ../shared/reference/dtao.md §7, "Worked example: one tempo, two subnets", to every digit the
 * reference prints. Inputs: E = 0.5 (issuance 11 M), root 3 M TAO, tw = 0.18, a = 3e-4·b/(b+201,600)
 * with b = 2.63 M blocks at the first block, owner cut 11,796/65,535. It can fail: planting an owner
 * cut of exactly 18 % in splitAlpha turns the first block's root alpha into 0.062542 / 0.143766.
 */
const params = { taoWeight: toWad(0.18), movingAlpha: toWad(3e-4), emaHalvingBlocks: 201_600n };
const subnet = (y: number, x: number, out: number, ema: number, burned: number): SubnetEconomy => ({
  tao: taoToRao(y),
  alphaIn: taoToRao(x),
  alphaOut: taoToRao(out),
  protocolAlpha: 0n,
  ema: toWad(ema),
  minerBurned: toWad(burned),
  emissionEnabled: true,
  ownerCut: 11_796n,
  firstEmissionBlock: 1n,
  pendingServer: 0n,
  pendingValidator: 0n,
  pendingRoot: 0n,
  pendingOwner: 0n,
});
const start: NetworkEconomy = {
  block: 2_630_000n,
  rootTao: taoToRao(3_000_000),
  totalIssuance: taoToRao(11_000_000),
  subnets: [subnet(400_000, 500_000, 2_500_000, 0.7, 0), subnet(60_000, 150_000, 850_000, 0.45, 0.2)],
};
const tao = (rao: bigint, digits: number) => raoToTao(rao).toFixed(digits);
const wad = (w: bigint, digits: number) => fromWad(w).toFixed(digits);

function runTempo() {
  let network = start;
  const sums = network.subnets.map(() => ({ taoIn: 0n, buyTao: 0n, alphaIn: 0n, buyAlpha: 0n }));
  for (let b = 0; b < 360; b++) {
    const r = runBlock(network, params);
    r.terms.forEach((t, i) => {
      sums[i].taoIn += t.taoIn;
      sums[i].buyTao += t.chainBuyTao;
      sums[i].alphaIn += t.alphaIn;
      sums[i].buyAlpha += t.chainBuyAlpha;
    });
    network = r.network;
  }
  return { network, sums };
}

describe("the reference's worked example", () => {
  it("first block: shares, TAO, root proportion, injection, chain buy, root alpha", () => {
    const { terms } = runBlock(start, params);
    expect(terms.map((t) => wad(t.share, 5))).toEqual(["0.66038", "0.33962"]);
    expect(terms.map((t) => tao(t.taoShare, 6))).toEqual(["0.330189", "0.169811"]);
    expect(terms.map((t) => wad(t.rootProportion, 5))).toEqual(["0.15254", "0.35065"]);
    expect(terms.map((t) => tao(t.alphaIn, 5))).toEqual(["0.15254", "0.35065"]); // capped at rp·A
    const uncapped = terms.map(
      (t, i) =>
        (t.taoShare * WAD) / spotPrice({ tao: start.subnets[i].tao, alpha: start.subnets[i].alphaIn }),
    );
    expect(uncapped.map((x) => tao(x, 5))).toEqual(["0.41274", "0.42453"]);
    expect(terms.map((t) => tao(t.taoIn, 6))).toEqual(["0.122034", "0.140260"]);
    expect(terms.map((t) => tao(t.chainBuyTao, 6))).toEqual(["0.208155", "0.029552"]);
    expect(terms.map((t) => tao(t.chainBuyAlpha, 6))).toEqual(["0.260193", "0.073879"]);
    expect(terms.map((t) => tao(t.root, 6))).toEqual(["0.062543", "0.143767"]);
  });

  it("a whole tempo, block by block: injections, chain buys, accumulators, price and EMA", () => {
    const { network, sums } = runTempo();
    expect(sums.map((s) => `${tao(s.taoIn, 2)} / ${tao(s.buyTao, 2)}`)).toEqual([
      "43.94 / 75.42",
      "50.49 / 10.14",
    ]);
    expect(sums.map((s) => `${tao(s.alphaIn, 2)} / ${tao(s.buyAlpha, 2)}`)).toEqual([
      "54.91 / 94.26",
      "126.21 / 25.35",
    ]);
    const pending = network.subnets.map((s) =>
      [s.pendingOwner, s.pendingServer, s.pendingValidator, s.pendingRoot].map((x) => tao(x, 2)).join(" / "),
    );
    expect(pending).toEqual(["64.80 / 147.60 / 125.09 / 22.51", "64.80 / 147.60 / 95.85 / 51.75"]);
    const prices = network.subnets.map(
      (s) => `${wad(spotPrice({ tao: s.tao, alpha: s.alphaIn }), 6)}; ${wad(s.ema, 6)}`,
    );
    expect(prices).toEqual(["0.800302; 0.709560", "0.400135; 0.445234"]);
    const spent = sums.map((s) => s.taoIn + s.buyTao);
    expect(spent.map((x) => tao(x, 2))).toEqual(["119.36", "60.64"]);
    expect(tao(spent[0] + spent[1], 2)).toBe("180.00");
    expect(network.totalIssuance - start.totalIssuance).toBe(spent[0] + spent[1]);
  });

  it("SN1's epoch pays miners, owner and validators; a root claim sold into the pool moves its price", () => {
    const sn1 = runTempo().network.subnets[0];
    const pending = {
      server: sn1.pendingServer,
      validator: sn1.pendingValidator,
      root: sn1.pendingRoot,
      owner: sn1.pendingOwner,
    };
    expect(tao(pending.server + pending.validator + pending.root, 2)).toBe("295.20");
    const miners = [5n, 3n, 2n].map((incentive) => ({ incentive, isOwner: false }));
    const validators = [
      { dividend: 480_000n, alphaStake: taoToRao(300_000), rootStake: taoToRao(1_000_000) },
      { dividend: 200_000n, alphaStake: taoToRao(200_000), rootStake: 0n },
    ];
    const pay = distributeEpoch(pending, miners, validators, params.taoWeight);
    expect(pay.miners.map((x) => tao(x, 2))).toEqual(["73.80", "44.28", "29.52"]);
    expect(tao(pay.owner, 2)).toBe("64.80");
    // V1 gets 75.05 α of alpha dividends and all of R; V2 50.03.
    expect(tao(pay.validators[0] - pending.root, 2)).toBe("75.05");
    expect(tao(pay.validators[1], 2)).toBe("50.03");
    expect(pay.minerBurned).toBe(0n);
    // 40 % of V1's root stake claims its share of R after the 18 % take, sold fee-free (Swap).
    const claim = (pending.root * 82n * 4n) / 1_000n;
    expect(tao(claim, 3)).toBe("7.385");
    const sold = sellAlpha({ tao: sn1.tao, alpha: sn1.alphaIn }, claim, 0n);
    if (!sold.ok) throw new Error(sold.error);
    expect(tao(sold.out, 3)).toBe("5.910");
    expect(wad(spotPrice(sold.pool), 6)).toBe("0.800278");
  });

  it("SN2's epoch burns the owner hotkey's incentive and pays V3 all of the root slice", () => {
    const sn2 = runTempo().network.subnets[1];
    const pending = {
      server: sn2.pendingServer,
      validator: sn2.pendingValidator,
      root: sn2.pendingRoot,
      owner: sn2.pendingOwner,
    };
    const miners = [
      { incentive: 5n, isOwner: false },
      { incentive: 3n, isOwner: false },
      { incentive: 2n, isOwner: true },
    ];
    const validators = [
      { dividend: 136_000n, alphaStake: taoToRao(100_000), rootStake: taoToRao(200_000) },
      { dividend: 50_000n, alphaStake: taoToRao(50_000), rootStake: 0n },
    ];
    const pay = distributeEpoch(pending, miners, validators, params.taoWeight);
    expect(tao(pay.burned, 2)).toBe("29.52");
    expect(pay.miners[2]).toBe(0n);
    expect(wad(pay.minerBurned, 6)).toBe("0.200000");
    expect(tao(pay.validators[0] - pending.root, 2)).toBe("63.90");
    expect(tao(pending.root, 2)).toBe("51.75");
    expect(tao(pay.validators[1], 2)).toBe("31.95");
    // 2.12e-4 α per root τ per tempo after an 18 % take.
    expect(((raoToTao(pending.root) * 0.82) / 200_000).toExponential(2)).toBe("2.12e-4");
  });
});
