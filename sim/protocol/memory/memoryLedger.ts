/** The token's holders that are protocol contracts (their balances back stake and escrow). */
export const STAKING = "staking";
export const MARKET = "market";

/**
 * CrucibleToken in memory: balances, totalMinted / totalBurned and the cap. Checks return the custom
 * error the contract reverts with (and change nothing); effects assume the check passed.
 */
export interface MemoryLedger {
  readonly cap: bigint;
  readonly genesisSupply: bigint;
  totalMinted: bigint;
  totalBurned: bigint;
  balanceOf(holder: string): bigint;
  /** `ERC20InsufficientBalance` when `holder` has less than `amount`. */
  checkSpend(holder: string, amount: bigint): string | undefined;
  transfer(from: string, to: string, amount: bigint): void;
  mint(to: string, amount: bigint): void;
  burn(from: string, amount: bigint): void;
  totalSupply(): bigint;
  /** Balances and totals, as plain values (a checkpoint), and the same put back. */
  saveState(): MemoryLedgerState;
  loadState(state: MemoryLedgerState): void;
}

export interface MemoryLedgerState {
  balances: [string, bigint][];
  totalMinted: bigint;
  totalBurned: bigint;
}

const key = (holder: string) => holder.toLowerCase();

/** The token as deployed: the genesis supply minted to the treasury (the driver), then handed out. */
export function createMemoryLedger(
  cap: bigint,
  treasury: string,
  genesis: readonly { address: string; amount: bigint }[],
): MemoryLedger {
  const balances = new Map<string, bigint>();
  const balanceOf = (holder: string) => balances.get(key(holder)) ?? 0n;
  const add = (holder: string, amount: bigint) => balances.set(key(holder), balanceOf(holder) + amount);
  const genesisSupply = genesis.reduce((s, g) => s + g.amount, 0n);
  const ledger: MemoryLedger = {
    cap,
    genesisSupply,
    totalMinted: 0n,
    totalBurned: 0n,
    balanceOf,
    checkSpend: (holder, amount) => (balanceOf(holder) < amount ? "ERC20InsufficientBalance" : undefined),
    transfer(from, to, amount) {
      add(from, -amount);
      add(to, amount);
    },
    mint(to, amount) {
      ledger.totalMinted += amount;
      add(to, amount);
    },
    burn(from, amount) {
      ledger.totalBurned += amount;
      add(from, -amount);
    },
    totalSupply: () => ledger.totalMinted - ledger.totalBurned,
    saveState: () => ({
      balances: [...balances],
      totalMinted: ledger.totalMinted,
      totalBurned: ledger.totalBurned,
    }),
    loadState(state) {
      balances.clear();
      for (const [k, v] of state.balances) balances.set(k, v);
      ledger.totalMinted = state.totalMinted;
      ledger.totalBurned = state.totalBurned;
    },
  };
  ledger.mint(treasury, genesisSupply);
  for (const g of genesis) {
    if (g.address.toLowerCase() !== treasury.toLowerCase()) ledger.transfer(treasury, g.address, g.amount);
  }
  return ledger;
}
