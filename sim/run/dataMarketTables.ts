/** The data market's run tables (only in runs with a `dataMarket` section, so other runs keep their hash). */

/** One row per purchase attempt (dataPurchases.csv). */
export interface DataPurchaseRow {
  epoch: number;
  round: number;
  buyer: string;
  provider: string;
  listingId: number;
  /** Price in tokens. */
  price: number;
  /** settled, or the revert (its custom error name) that stopped the purchase or its confirmation. */
  status: string;
}

/** One row per provider at the end of the run (dataProviders.csv). */
export interface DataProviderRow {
  provider: string;
  /** clean, noisy:<rate> or poisoned:<source>><target>:<rate>. */
  quality: string;
  shards: number;
  /** Posted price per shard, tokens. */
  price: number;
  /** Settled purchases of its shards, and distinct buyers. */
  sales: number;
  buyers: number;
  /** What DataMarket paid it (fees excluded), read from the contract, tokens. */
  revenue: number;
  /** Total reward (emission) of the miners that bought from it, tokens. */
  buyersReward: number;
}

/** One row per miner per training round (dataQuality.csv): true quality after training. */
export interface DataQualityRow {
  epoch: number;
  round: number;
  agent: string;
  /** Shards it holds a licence for and trained on, in all. */
  shards: number;
  /** Of them, shards from clean, noisy and poisoned providers. */
  cleanShards: number;
  noisyShards: number;
  poisonedShards: number;
  /** SGD steps this round; tokens spent on data and compute, in all. */
  steps: number;
  dataSpent: number;
  computeSpent: number;
  /** Held-out accuracy after the round (the true quality), and its accuracy on the poisoned class. */
  heldoutAccuracy: number;
  /** Held-out accuracy on the images of the class the poisoners flip (empty without a poisoner). */
  targetClassAccuracy: number;
  /** A free rider: the miner whose weights it copied this round (empty for a buyer). */
  copiedFrom: string;
}

type Columns<Row> = { readonly [K in keyof Row]-?: "int" | "number" | "optionalNumber" | "text" };
type Docs<Row> = { readonly [K in keyof Row]-?: { unit: string; meaning: string } };
const d = (unit: string, meaning: string) => ({ unit, meaning });

export interface DataMarketTables {
  dataPurchases?: DataPurchaseRow[];
  dataProviders?: DataProviderRow[];
  dataQuality?: DataQualityRow[];
}

/** Each data-market table's file, columns and column docs (the writer, the reader and the data dictionary use these). */
export const DATA_MARKET_TABLE_FILES = {
  dataPurchases: {
    file: "dataPurchases.csv",
    columns: {
      epoch: "int",
      round: "int",
      buyer: "text",
      provider: "text",
      listingId: "int",
      price: "number",
      status: "text",
    } satisfies Columns<DataPurchaseRow>,
    docs: {
      epoch: d("epoch", "the epoch the training round ran before"),
      round: d("-", "training round (0, 1, …)"),
      buyer: d("-", "the miner that bought"),
      provider: d("-", "the provider whose shard it bought"),
      listingId: d("-", "DataMarket listing id"),
      price: d("tokens", "the posted price it paid into escrow"),
      status: d(
        "-",
        "settled (escrow released on a matching content hash, licence recorded), or the revert name",
      ),
    } satisfies Docs<DataPurchaseRow>,
  },
  dataProviders: {
    file: "dataProviders.csv",
    columns: {
      provider: "text",
      quality: "text",
      shards: "int",
      price: "number",
      sales: "int",
      buyers: "int",
      revenue: "number",
      buyersReward: "number",
    } satisfies Columns<DataProviderRow>,
    docs: {
      provider: d("-", "the provider"),
      quality: d("-", "clean, noisy:<rate> or poisoned:<source>><target>:<rate>"),
      shards: d("shards", "shards it listed"),
      price: d("tokens", "posted price per shard"),
      sales: d("purchases", "settled purchases of its shards"),
      buyers: d("miners", "distinct miners that bought from it"),
      revenue: d("tokens", "what DataMarket paid it, fees excluded (read from the contract)"),
      buyersReward: d("tokens", "total emission of the miners that bought from it"),
    } satisfies Docs<DataProviderRow>,
  },
  dataQuality: {
    file: "dataQuality.csv",
    columns: {
      epoch: "int",
      round: "int",
      agent: "text",
      shards: "int",
      cleanShards: "int",
      noisyShards: "int",
      poisonedShards: "int",
      steps: "int",
      dataSpent: "number",
      computeSpent: "number",
      heldoutAccuracy: "number",
      targetClassAccuracy: "optionalNumber",
      copiedFrom: "text",
    } satisfies Columns<DataQualityRow>,
    docs: {
      epoch: d("epoch", "the epoch the training round ran before"),
      round: d("-", "training round"),
      agent: d("-", "the miner"),
      shards: d("shards", "shards it has trained on, in all"),
      cleanShards: d("shards", "of them from clean providers"),
      noisyShards: d("shards", "of them from label-noisy providers"),
      poisonedShards: d("shards", "of them from poisoning providers"),
      steps: d("steps", "SGD steps it trained this round"),
      dataSpent: d("tokens", "spent on data, in all"),
      computeSpent: d("tokens", "paid for training compute, in all"),
      heldoutAccuracy: d("fraction", "held-out accuracy after the round: its true quality"),
      targetClassAccuracy: d(
        "fraction",
        "held-out accuracy on the class the poisoners flip; empty without one",
      ),
      copiedFrom: d("-", "a free rider: the miner whose weights it copied this round; empty for a buyer"),
    } satisfies Docs<DataQualityRow>,
  },
} as const;

export const DATA_MARKET_TABLE_KEYS = ["dataPurchases", "dataProviders", "dataQuality"] as const;
