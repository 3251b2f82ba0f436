/**
 * The data market's port: what the engine asks of a DataMarket deployment (contracts/src/DataMarket.sol)
 * and its in-memory twin (sim/protocol/memory/memoryDataMarket.ts). Every submit is one block; a revert
 * is an outcome carrying the contract's custom error name, never an exception.
 */

/** One account's call in a data-market block. Amounts in wei; ids as the contract numbers them. */
export type DataMarketCall =
  /** token.approve(market, amount) */
  | { kind: "approve"; from: string; amount: bigint }
  /** token.transfer(to, amount): rewards paid from the treasury, compute costs paid to it. */
  | { kind: "transfer"; from: string; to: string; amount: bigint }
  | { kind: "list"; from: string; contentHash: `0x${string}`; price: bigint }
  | { kind: "delist"; from: string; listingId: number }
  | { kind: "purchase"; from: string; listingId: number }
  | { kind: "confirmDelivery"; from: string; purchaseId: number; deliveredHash: `0x${string}` }
  | { kind: "refund"; from: string; purchaseId: number };

export interface DataMarketOutcome {
  kind: DataMarketCall["kind"];
  from: string;
  status: "success" | "reverted";
  /** The custom error name of a revert (the market's or the token's, e.g. ERC20InsufficientAllowance). */
  error?: string;
}

export interface DataMarketBlock {
  block: bigint;
  outcomes: DataMarketOutcome[];
}

export type PurchaseStatus = "none" | "pending" | "settled" | "refunded";

export interface MarketListing {
  provider: string;
  contentHash: `0x${string}`;
  price: bigint;
  active: boolean;
}

export interface MarketPurchase {
  listingId: number;
  buyer: string;
  amount: bigint;
  deadline: bigint;
  status: PurchaseStatus;
}

/** Everything the market holds, read back whole (small: a run has tens of listings). */
export interface DataMarketState {
  totalEscrow: bigint;
  totalFees: bigint;
  /** The market contract's token balance (>= totalEscrow). */
  marketBalance: bigint;
  listings: MarketListing[];
  purchases: MarketPurchase[];
}

export interface DataMarketSession {
  readonly backend: "anvil" | "memory";
  /** Settles `calls` in order as one block. */
  submit(calls: readonly DataMarketCall[]): Promise<DataMarketBlock>;
  readBalances(accounts: readonly string[]): Promise<bigint[]>;
  readRevenue(providers: readonly string[]): Promise<bigint[]>;
  isLicensed(listingId: number, buyer: string): Promise<boolean>;
  readState(): Promise<DataMarketState>;
  stop(): Promise<void>;
}

/** What either implementation needs to start the market (the token exists already). */
export interface DataMarketDeployment {
  /** Receives fees; pays rewards in the simulation. */
  treasury: string;
  feeBps: number;
  /** Blocks after a purchase during which only a confirmation settles it (then the buyer may refund). */
  deliveryWindow: number;
}

export const PURCHASE_STATUSES: readonly PurchaseStatus[] = ["none", "pending", "settled", "refunded"];

/** A data market started beside a protocol session (`ProtocolSession.startDataMarket`). */
export interface DataMarketHandle {
  session: DataMarketSession;
  /** The providers' accounts (derived from the run seed, label "provider"), in the order asked for. */
  providers: string[];
  /** Receives fees and compute costs (the protocol's driver). */
  treasury: string;
  /**
   * Tokens the protocol's supply books do not see: the providers' balances and the market contract's.
   * The built-in conservation invariant adds them to what it counts.
   */
  heldOutside(): Promise<bigint>;
}
