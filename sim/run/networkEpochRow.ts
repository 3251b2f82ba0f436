/** One subnet at one epoch (the network table). */
export interface NetworkEpochRow {
  epoch: number;
  netuid: number;
  /** Spot and EMA price at the end of the epoch (TAO per alpha). */
  price: number;
  ema: number;
  /** Share of the epoch's TAO emission that went into this subnet's pool (injection and chain buys). */
  emissionShare: number;
  emissionTao: number;
  taoReserve: number;
  alphaReserve: number;
  /** TAO the stakers moved in and took out this epoch. */
  stakeInTao: number;
  stakeOutTao: number;
  stakers: number;
  /** Alpha paid to miners and to stakers/validators at the epoch, and the miners' alpha valued in TAO. */
  minerAlpha: number;
  minerTao: number;
  dividendAlpha: number;
  /** TAO the miners took out of the pool selling their alpha after the epoch. */
  minerSoldTao: number;
  /** What the stakers expected of this subnet when they chose (dividends per alpha staked plus the
   * price's return, an EMA over epochs). */
  expectedYield: number;
}

/** network_epochs.csv's columns, in order. */
export const NETWORK_EPOCH_COLUMNS: (keyof NetworkEpochRow & string)[] = [
  "epoch",
  "netuid",
  "price",
  "ema",
  "emissionShare",
  "emissionTao",
  "taoReserve",
  "alphaReserve",
  "stakeInTao",
  "stakeOutTao",
  "stakers",
  "minerAlpha",
  "minerTao",
  "dividendAlpha",
  "minerSoldTao",
  "expectedYield",
];
