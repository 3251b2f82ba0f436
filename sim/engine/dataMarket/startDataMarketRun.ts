import { CrucibleError } from "../../errors/CrucibleError.ts";
import { createInferenceAdapter, type InferenceAdapter } from "../../inference/createInferenceAdapter.ts";
import { measureAccuracy } from "../../inference/measureAccuracy.ts";
import { shardContentHash } from "../../models/digitShards.ts";
import { fineTuneMlp } from "../../models/fineTuneMlp.ts";
import { type DigitData, loadDigits } from "../../models/loadDigits.ts";
import type { MlpWeights } from "../../models/mlpWeights.ts";
import type { DataMarketCall, DataMarketHandle } from "../../protocol/dataMarketPort.ts";
import type { ProtocolSession } from "../../protocol/protocolSession.ts";
import { toTokens, toWei } from "../../protocol/tokenUnits.ts";
import type { Rng } from "../../rng/createRng.ts";
import type { DataProviderRow, DataPurchaseRow, DataQualityRow } from "../../run/dataMarketTables.ts";
import type { DataMarketScenario } from "../../scenario/dataMarketSchema.ts";
import { chooseShards, type ShardOffer } from "./chooseShards.ts";
import { classRows, type MarketData, prepareMarketData } from "./prepareMarketData.ts";

interface MinerState {
  agent: string;
  slot: number;
  /** Buys nothing; copies the weights of the best-paid other miner after each round. */
  freeRider: boolean;
  copiedFrom: string;
  address: string;
  weights: MlpWeights;
  rng: Rng;
  /** Provider index → running mean of the probe-accuracy change its shards caused. */
  estimates: Map<number, number>;
  tries: Map<number, number>;
  owned: number[];
  dataSpent: number;
  computeSpent: number;
}

export interface DataMarketRun {
  /** Every miner answers through this (the current models). */
  infer(queries: Float32Array, nQueries: number, out?: Float32Array): Float32Array;
  /** A training round when one is due at `epoch` (before the epoch's tasks). */
  beforeEpoch(epoch: number, rewardBySlot: ArrayLike<number>): Promise<void>;
  /** Each miner's latest held-out accuracy, in population order. */
  trueQuality(): number[];
  heldOutside(): Promise<bigint>;
  /** The market's tables; `rewardOf` gives each miner's total reward (tokens) for the providers'. */
  tables(rewardOf: (agent: string) => number): Promise<{
    dataPurchases: DataPurchaseRow[];
    dataProviders: DataProviderRow[];
    dataQuality: DataQualityRow[];
  }>;
  dispose(): void;
}

/**
 * The data market of a run (digits): DataMarket started beside the protocol, providers' shards listed,
 * every miner's model the market's small base, then every `trainEvery` epochs a round — buy (escrow),
 * confirm the delivered bytes' hash (escrow released, licence), fine-tune for real on each new shard
 * (measuring what it did on the probe set), pay the compute, rebuild the inference adapter and measure
 * true quality on the held-out split. Deterministic: the run's streams only.
 */
export async function startDataMarketRun(d: {
  config: DataMarketScenario;
  session: ProtocolSession;
  /** The run's root stream (the digits are loaded from its "data" fork, as the task does). */
  rng: Rng;
  miners: readonly { agent: string; slot: number }[];
}): Promise<DataMarketRun> {
  const { config, session } = d;
  if (session.startDataMarket === undefined) {
    throw new CrucibleError("CRUCIBLE_RUN_FAILED", `the ${session.backend} protocol has no data market`);
  }
  const data: DigitData = await loadDigits(d.rng.fork("data"));
  const rng = d.rng.fork("data-market");
  const market: MarketData = prepareMarketData(config, data, rng);
  const handle: DataMarketHandle = await session.startDataMarket(
    { feeBps: config.feeBps, deliveryWindow: config.deliveryWindow },
    market.providers.length,
  );
  const m = handle.session;
  // Listing ids in order: provider by provider, shard by shard.
  const listings: { provider: number; shard: number; price: bigint }[] = [];
  const listCalls: DataMarketCall[] = [];
  market.providers.forEach((p, i) => {
    p.shards.forEach((s, k) => {
      if (!config.providers[i].listed) return;
      listings.push({ provider: i, shard: k, price: toWei(p.price) });
      listCalls.push({
        kind: "list",
        from: handle.providers[i],
        contentHash: s.contentHash,
        price: toWei(p.price),
      });
    });
  });
  const listed = await m.submit(listCalls);
  if (listed.outcomes.some((o) => o.status !== "success")) {
    throw new CrucibleError("CRUCIBLE_RUN_FAILED", "listing the providers' shards failed", {
      details: JSON.stringify(listed.outcomes.filter((o) => o.status !== "success")),
    });
  }
  const miners: MinerState[] = d.miners.map((x, i) => ({
    agent: x.agent,
    slot: x.slot,
    freeRider: i >= d.miners.length - config.freeRiders,
    copiedFrom: "",
    address: session.agentAddresses[x.slot],
    weights: market.base,
    rng: rng.fork(`miner:${x.agent}`),
    estimates: new Map(),
    tries: new Map(),
    owned: [],
    dataSpent: 0,
    computeSpent: 0,
  }));
  const target = market.targetClass === undefined ? undefined : classRows(data, market.targetClass);
  let adapter: InferenceAdapter = await createInferenceAdapter(miners.map((x) => x.weights));
  let quality = await measureAccuracy(
    miners.map((x) => x.weights),
    data.heldoutX,
    data.heldoutY,
  );
  const purchases: DataPurchaseRow[] = [];
  const qualityRows: DataQualityRow[] = [];
  let round = 0;
  const budget = { epochs: config.epochs, batchSize: config.batchSize, learningRate: config.learningRate };
  const probeAccuracy = async (w: MlpWeights) =>
    (await measureAccuracy([w], market.probe.x, market.probe.y))[0];

  async function trainingRound(epoch: number, rewardBySlot: ArrayLike<number>): Promise<void> {
    const balances = await m.readBalances(miners.map((x) => x.address));
    // 1. Each miner picks shards by expected gain per token within its budget; approve + purchase.
    const picks = miners.map((x, i) => {
      if (x.freeRider) return [];
      const offers: ShardOffer[] = listings.flatMap((l, id) =>
        x.owned.includes(id) ? [] : [{ listingId: id, provider: l.provider, price: l.price }],
      );
      const share = BigInt(Math.round(config.budgetShare * 10_000));
      return chooseShards({
        offers,
        budget: (balances[i] * share) / 10_000n,
        maxShards: config.maxShardsPerRound,
        estimates: x.estimates,
        explore: config.explore,
        rng: x.rng,
      });
    });
    const buyCalls: DataMarketCall[] = [];
    const buyIndex: { miner: number; listingId: number; call: number }[] = [];
    picks.forEach((ids, i) => {
      if (ids.length === 0) return;
      const total = ids.reduce((s, id) => s + listings[id].price, 0n);
      buyCalls.push({ kind: "approve", from: miners[i].address, amount: total });
      for (const id of ids) {
        buyIndex.push({ miner: i, listingId: id, call: buyCalls.length });
        buyCalls.push({ kind: "purchase", from: miners[i].address, listingId: id });
      }
    });
    const before = (await m.readState()).purchases.length;
    const bought = await m.submit(buyCalls);
    // 2. Delivery: each provider hands over its shard's bytes; the buyer hashes what it got and confirms.
    let purchaseId = before;
    const confirms: DataMarketCall[] = [];
    const pending: { miner: number; listingId: number; row: DataPurchaseRow }[] = [];
    for (const b of buyIndex) {
      const outcome = bought.outcomes[b.call];
      const l = listings[b.listingId];
      const row: DataPurchaseRow = {
        epoch,
        round,
        buyer: miners[b.miner].agent,
        provider: market.providers[l.provider].name,
        listingId: b.listingId,
        price: toTokens(l.price),
        status: outcome.status === "success" ? "pending" : (outcome.error ?? "reverted"),
      };
      purchases.push(row);
      if (outcome.status !== "success") continue;
      const delivered = market.providers[l.provider].shards[l.shard];
      confirms.push({
        kind: "confirmDelivery",
        from: miners[b.miner].address,
        purchaseId: purchaseId++,
        deliveredHash: shardContentHash(delivered.x, delivered.y),
      });
      pending.push({ miner: b.miner, listingId: b.listingId, row });
    }
    const confirmed = await m.submit(confirms);
    // 3. Train on every shard whose purchase settled, one shard at a time, watching the probe set.
    const steps = miners.map(() => 0);
    for (const [k, p] of pending.entries()) {
      const outcome = confirmed.outcomes[k];
      p.row.status = outcome.status === "success" ? "settled" : (outcome.error ?? "reverted");
      if (outcome.status !== "success") continue;
      const x = miners[p.miner];
      const l = listings[p.listingId];
      const shard = market.providers[l.provider].shards[l.shard];
      const was = await probeAccuracy(x.weights);
      const tuned = fineTuneMlp(x.weights, shard.x, shard.y, budget, x.rng.fork(`train:${p.listingId}`));
      const gain = (await probeAccuracy(tuned.weights)) - was;
      const n = (x.tries.get(l.provider) ?? 0) + 1;
      x.tries.set(l.provider, n);
      x.estimates.set(
        l.provider,
        (x.estimates.get(l.provider) ?? 0) + (gain - (x.estimates.get(l.provider) ?? 0)) / n,
      );
      x.weights = tuned.weights;
      x.owned.push(p.listingId);
      x.dataSpent += toTokens(l.price);
      steps[p.miner] += tuned.steps;
    }
    // 4. Compute cost to the treasury; the new models answer from the next epoch on.
    const costs: DataMarketCall[] = [];
    steps.forEach((s, i) => {
      const cost = toWei(s * config.costPerStep);
      if (cost > 0n)
        costs.push({ kind: "transfer", from: miners[i].address, to: handle.treasury, amount: cost });
    });
    const paid = await m.submit(costs);
    costs.forEach((c, k) => {
      const i = miners.findIndex((x) => x.address === c.from);
      if (paid.outcomes[k].status === "success" && c.kind === "transfer")
        miners[i].computeSpent += toTokens(c.amount);
    });
    // 5. Free riders copy the current weights of the other miner paid most so far (ties: the first).
    for (const x of miners.filter((y) => y.freeRider)) {
      let best: MinerState | undefined;
      for (const y of miners) {
        if (y === x || y.freeRider) continue;
        if (best === undefined || rewardBySlot[y.slot] > rewardBySlot[best.slot]) best = y;
      }
      if (best !== undefined) {
        x.weights = best.weights;
        x.copiedFrom = best.agent;
      }
    }
    adapter.dispose();
    adapter = await createInferenceAdapter(miners.map((x) => x.weights));
    quality = await measureAccuracy(
      miners.map((x) => x.weights),
      data.heldoutX,
      data.heldoutY,
    );
    const targetAcc =
      target === undefined
        ? []
        : await measureAccuracy(
            miners.map((x) => x.weights),
            target.x,
            target.y,
          );
    miners.forEach((x, i) => {
      const kinds = x.owned.map((id) => market.providers[listings[id].provider].quality.kind);
      qualityRows.push({
        epoch,
        round,
        agent: x.agent,
        shards: x.owned.length,
        cleanShards: kinds.filter((q) => q === "clean").length,
        noisyShards: kinds.filter((q) => q === "noisy").length,
        poisonedShards: kinds.filter((q) => q === "poisoned").length,
        steps: steps[i],
        dataSpent: x.dataSpent,
        computeSpent: x.computeSpent,
        heldoutAccuracy: quality[i],
        targetClassAccuracy: target === undefined ? Number.NaN : targetAcc[i],
        copiedFrom: x.copiedFrom,
      });
    });
    round++;
  }

  return {
    infer: (queries, nQueries, out) => adapter.infer(queries, nQueries, out),
    async beforeEpoch(epoch, rewardBySlot) {
      if (round < config.rounds && epoch === round * config.trainEvery)
        await trainingRound(epoch, rewardBySlot);
    },
    trueQuality: () => [...quality],
    heldOutside: () => handle.heldOutside(),
    async tables(rewardOf) {
      const revenue = await m.readRevenue(handle.providers);
      const dataProviders = market.providers.map((p, i): DataProviderRow => {
        const sold = purchases.filter((r) => r.provider === p.name && r.status === "settled");
        const buyers = [...new Set(sold.map((r) => r.buyer))];
        return {
          provider: p.name,
          quality: p.label,
          shards: p.shards.length,
          price: p.price,
          sales: sold.length,
          buyers: buyers.length,
          revenue: toTokens(revenue[i]),
          buyersReward: buyers.reduce((s, b) => s + rewardOf(b), 0),
        };
      });
      return { dataPurchases: purchases, dataProviders, dataQuality: qualityRows };
    },
    dispose: () => adapter.dispose(),
  };
}
