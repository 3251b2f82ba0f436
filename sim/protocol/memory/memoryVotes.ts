import type { MemoryLedger } from "./memoryLedger.ts";

/**
 * ERC20Votes in memory: delegation and voting power (the delegated balances), with the past values
 * the Governor reads at a proposal's snapshot. A snapshot's votes are taken just before the first
 * call mined after the snapshot block (`beforeCall`), or read from the current state while no call
 * has been mined since: both are the state at the end of that block, what the token's checkpoints
 * give (`getPastVotes`, `getPastTotalSupply`).
 */
export interface MemoryVotes {
  delegate(holder: string, delegatee: string): void;
  /** Votes of `account` now. */
  votesOf(account: string): bigint;
  /** Marks `block` as a snapshot to keep (a proposal's). */
  watch(block: bigint): void;
  /** Before a call mined in `block`: keeps every watched snapshot older than it. */
  beforeCall(block: bigint): void;
  /** Votes of `account` at the end of watched block `block` (a block already mined). */
  pastVotes(account: string, block: bigint): bigint;
  /** Total supply at the end of watched block `block` (a block already mined). */
  pastTotalSupply(block: bigint): bigint;
}

interface Snapshot {
  votes: Map<string, bigint>;
  totalSupply: bigint;
}

const key = (a: string) => a.toLowerCase();

export function createMemoryVotes(ledger: MemoryLedger): MemoryVotes {
  const delegates = new Map<string, string>();
  const watched = new Set<bigint>();
  const kept = new Map<bigint, Snapshot>();

  const votesNow = (): Map<string, bigint> => {
    const votes = new Map<string, bigint>();
    for (const [holder, to] of delegates) votes.set(to, (votes.get(to) ?? 0n) + ledger.balanceOf(holder));
    return votes;
  };
  const snapshotAt = (block: bigint): Snapshot =>
    kept.get(block) ?? { votes: votesNow(), totalSupply: ledger.totalSupply() };

  return {
    delegate(holder, delegatee) {
      delegates.set(key(holder), key(delegatee));
    },
    votesOf: (account) => votesNow().get(key(account)) ?? 0n,
    watch(block) {
      if (!kept.has(block)) watched.add(block);
    },
    beforeCall(block) {
      for (const w of watched) {
        if (w >= block) continue;
        kept.set(w, { votes: votesNow(), totalSupply: ledger.totalSupply() });
        watched.delete(w);
      }
    },
    pastVotes: (account, block) => snapshotAt(block).votes.get(key(account)) ?? 0n,
    pastTotalSupply: (block) => snapshotAt(block).totalSupply,
  };
}
