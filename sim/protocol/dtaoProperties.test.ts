import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type NetworkEconomy, runBlock, type SubnetEconomy } from "./dtaoCoinbase.ts";
import { distributeEpoch } from "./dtaoDistribution.ts";
import { blockEmission, emissionShares, injectionTerms, networkLockCost } from "./dtaoEmission.ts";
import { buyAlpha, type Pool, sellAlpha, spotPrice } from "./dtaoPool.ts";
import { ISSUANCE_CAP, MIN_RESERVE, RAO_PER_TAO, WAD } from "./dtaoUnits.ts";

const RUNS = process.env.CRUCIBLE_PROPERTY_NIGHTLY ? 5_000 : 300;
const rao = (max: bigint) => fc.bigInt({ min: 0n, max });
const pool = fc.record({
  tao: fc.bigInt({ min: MIN_RESERVE, max: 10n ** 17n }),
  alpha: fc.bigInt({ min: MIN_RESERVE, max: 10n ** 17n }),
});
const feeRate = fc.bigInt({ min: 0n, max: 10_000n });
const fraction = fc.bigInt({ min: 0n, max: WAD });

describe("pool swaps (constant product, w = 0.5)", () => {
  it("never lower x·y, move the price the trade's way, and a round trip returns no more than was put in", () => {
    fc.assert(
      fc.property(pool, rao(10n ** 17n), feeRate, (p, amount, fee) => {
        const buy = buyAlpha(p, amount, fee);
        if (!buy.ok) return;
        expect(buy.pool.tao * buy.pool.alpha).toBeGreaterThanOrEqual(p.tao * p.alpha);
        expect(spotPrice(buy.pool)).toBeGreaterThanOrEqual(spotPrice(p));
        expect(buy.pool.tao - p.tao + buy.fee).toBe(amount); // TAO: the pool's gain plus the fee burned
        const sell = sellAlpha(buy.pool, buy.out, fee);
        if (!sell.ok) return;
        expect(sell.out).toBeLessThanOrEqual(amount); // no value from nowhere
        expect(sell.pool.tao * sell.pool.alpha).toBeGreaterThanOrEqual(buy.pool.tao * buy.pool.alpha);
        expect(spotPrice(sell.pool)).toBeLessThanOrEqual(spotPrice(buy.pool));
      }),
      { numRuns: RUNS },
    );
  });

  it("pay out more for more in (monotone) and refuse trades over 1000× the reserve", () => {
    fc.assert(
      fc.property(pool, rao(10n ** 16n), rao(10n ** 16n), feeRate, (p, a, b, fee) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const x = sellAlpha(p, lo, fee);
        const y = sellAlpha(p, hi, fee);
        if (x.ok && y.ok) expect(y.out).toBeGreaterThanOrEqual(x.out);
        if (x.ok && !y.ok) expect(y.error).toBe("TradeTooLarge"); // only size can refuse the larger
        const huge = buyAlpha(p, 1_001n * p.tao + 1n, 0n);
        expect(huge.ok ? "ok" : huge.error).toBe("TradeTooLarge");
      }),
      { numRuns: RUNS },
    );
  });

  it("refuse to pay out of a reserve under 1e6 rao", () => {
    const p: Pool = { tao: 10n ** 12n, alpha: MIN_RESERVE - 1n };
    const r = buyAlpha(p, RAO_PER_TAO, 0n);
    expect(r.ok ? "ok" : r.error).toBe("ReserveTooSmall");
  });
});

describe("emission rules", () => {
  it("E halves at 10.5 M, 15.75 M, 18.375 M issued and never rises with issuance", () => {
    expect(blockEmission(10_499_999n * RAO_PER_TAO)).toBe(RAO_PER_TAO);
    expect(blockEmission(10_500_000n * RAO_PER_TAO)).toBe(RAO_PER_TAO / 2n);
    expect(blockEmission(15_750_000n * RAO_PER_TAO)).toBe(RAO_PER_TAO / 4n);
    expect(blockEmission(18_375_000n * RAO_PER_TAO - 1n)).toBe(RAO_PER_TAO / 4n);
    expect(blockEmission(ISSUANCE_CAP)).toBe(0n);
    fc.assert(
      fc.property(rao(ISSUANCE_CAP), rao(ISSUANCE_CAP), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(blockEmission(hi)).toBeLessThanOrEqual(blockEmission(lo));
      }),
      { numRuns: RUNS },
    );
  });

  it("shares sum to at most one, and raising a subnet's EMA never lowers its share", () => {
    const subnet = fc.record({ ema: fraction, minerBurned: fraction, emissionEnabled: fc.boolean() });
    fc.assert(
      fc.property(fc.array(subnet, { minLength: 1, maxLength: 8 }), fraction, (subnets, bump) => {
        const s = emissionShares(subnets);
        const sum = s.reduce((a, b) => a + b, 0n);
        expect(sum).toBeLessThanOrEqual(WAD);
        if (sum > 0n) expect(sum).toBeGreaterThan(WAD - BigInt(subnets.length));
        subnets.forEach((x, i) => {
          if (!x.emissionEnabled) expect(s[i]).toBe(0n);
        });
        const raised = subnets.map((x, i) => (i === 0 ? { ...x, ema: x.ema + bump } : x));
        expect(emissionShares(raised)[0]).toBeGreaterThanOrEqual(s[0]);
      }),
      { numRuns: RUNS },
    );
  });

  it("the injection spends T exactly (liquidity plus chain buy) and never injects alpha above rp·A", () => {
    fc.assert(
      fc.property(
        rao(RAO_PER_TAO),
        fc.bigInt({ min: 0n, max: 10n * WAD }),
        fraction,
        rao(RAO_PER_TAO),
        (T, p, rp, A) => {
          const t = injectionTerms(T, p, rp, A);
          expect(t.taoIn + t.excessTao).toBe(T);
          expect(t.alphaIn).toBeLessThanOrEqual((rp * A) / WAD);
          expect(t.taoIn).toBeGreaterThanOrEqual(0n);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("the lock cost doubles on registration, decays linearly to the last lock, and never falls below MinLock", () => {
    const L = 2_000n * RAO_PER_TAO;
    const min = 1_000n * RAO_PER_TAO;
    expect(networkLockCost(L, min, 100_800n, RAO_PER_TAO, 0n)).toBe(2n * L);
    expect(networkLockCost(L, min, 100_800n, RAO_PER_TAO, 100_800n)).toBe(L);
    expect(networkLockCost(L, min, 100_800n, RAO_PER_TAO / 2n, 50_400n)).toBe(L); // I_eff halves with E
    expect(networkLockCost(L, min, 100_800n, RAO_PER_TAO, 10n ** 9n)).toBe(min);
  });
});

const subnetEconomy: fc.Arbitrary<SubnetEconomy> = fc.record({
  tao: fc.bigInt({ min: MIN_RESERVE, max: 10n ** 15n }),
  alphaIn: fc.bigInt({ min: MIN_RESERVE, max: 10n ** 15n }),
  alphaOut: rao(10n ** 16n),
  protocolAlpha: fc.constant(0n),
  ema: fraction,
  minerBurned: fraction,
  emissionEnabled: fc.boolean(),
  ownerCut: fc.bigInt({ min: 0n, max: 65_535n }),
  firstEmissionBlock: fc.bigInt({ min: 0n, max: 1_000n }),
  pendingServer: fc.constant(0n),
  pendingValidator: fc.constant(0n),
  pendingRoot: fc.constant(0n),
  pendingOwner: fc.constant(0n),
});
const networkEconomy: fc.Arbitrary<NetworkEconomy> = fc.record({
  block: fc.bigInt({ min: 0n, max: 10_000n }),
  rootTao: rao(10n ** 16n),
  totalIssuance: rao(ISSUANCE_CAP),
  subnets: fc.array(subnetEconomy, { minLength: 1, maxLength: 6 }),
});
const params = fc.record({
  taoWeight: fraction,
  movingAlpha: fraction,
  emaHalvingBlocks: fc.bigInt({ min: 0n, max: 300_000n }),
});

describe("a block of coinbase", () => {
  it("mints at most E TAO, all into pools; alpha at most (1 + rp)·A per subnet; accumulators hold what was emitted", () => {
    fc.assert(
      fc.property(networkEconomy, params, fc.integer({ min: 1, max: 5 }), (start, p, blocks) => {
        let net = start;
        for (let b = 0; b < blocks; b++) {
          const E = blockEmission(net.totalIssuance);
          const { network, terms } = runBlock(net, p);
          const minted = network.totalIssuance - net.totalIssuance;
          expect(minted).toBeLessThanOrEqual(E);
          const taoGain = network.subnets.reduce((s, x, i) => s + x.tao - net.subnets[i].tao, 0n);
          expect(taoGain).toBe(minted);
          const rootSell = net.subnets.reduce((s, x) => s + x.ema, 0n) > WAD;
          network.subnets.forEach((after, i) => {
            const before = net.subnets[i];
            const t = terms[i];
            const issued = after.alphaIn + after.alphaOut - before.alphaIn - before.alphaOut;
            expect(issued).toBe(t.alphaIn + t.alphaEmission - (rootSell ? 0n : t.root));
            expect(t.alphaIn).toBeLessThanOrEqual((t.rootProportion * t.alphaEmission) / WAD);
            const pendingGain =
              after.pendingOwner +
              after.pendingServer +
              after.pendingValidator +
              after.pendingRoot -
              (before.pendingOwner + before.pendingServer + before.pendingValidator + before.pendingRoot);
            expect(pendingGain).toBe(t.alphaEmission - (rootSell ? 0n : t.root));
            expect(after.protocolAlpha - before.protocolAlpha).toBe(t.chainBuyAlpha);
            // biome-ignore lint/complexity/useMathMinMax: bigints (Math.max takes numbers)
            expect(after.ema).toBeLessThanOrEqual(WAD > before.ema ? WAD : before.ema);
            // Injection is at the spot ratio and the chain buy only raises the price; the floored
            // TAO of a capped injection may lower it by at most one rao's worth.
            expect(spotPrice({ tao: after.tao, alpha: after.alphaIn })).toBeGreaterThanOrEqual(
              spotPrice({ tao: before.tao, alpha: before.alphaIn }) - WAD / after.alphaIn - 1n,
            );
          });
          net = network;
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("an epoch's distribution", () => {
  it("pays out exactly what it drains, less what it recycles; nobody is paid a negative amount", () => {
    const pending = fc.record({
      server: rao(10n ** 15n),
      validator: rao(10n ** 15n),
      root: rao(10n ** 15n),
      owner: rao(10n ** 15n),
    });
    const miner = fc.record({ incentive: rao(WAD), isOwner: fc.boolean() });
    const validator = fc.record({
      dividend: rao(WAD),
      alphaStake: rao(10n ** 16n),
      rootStake: rao(10n ** 16n),
    });
    fc.assert(
      fc.property(
        pending,
        fc.array(miner, { maxLength: 6 }),
        fc.array(validator, { maxLength: 6 }),
        fraction,
        (p, m, v, tw) => {
          const pay = distributeEpoch(p, m, v, tw);
          const paid = pay.owner + [...pay.miners, ...pay.validators].reduce((s, x) => s + x, 0n);
          expect(paid + pay.recycled).toBe(p.server + p.validator + p.root + p.owner);
          expect(pay.recycled).toBeGreaterThanOrEqual(pay.burned);
          for (const x of [...pay.miners, ...pay.validators]) expect(x).toBeGreaterThanOrEqual(0n);
          expect(pay.minerBurned).toBeLessThanOrEqual(WAD);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
