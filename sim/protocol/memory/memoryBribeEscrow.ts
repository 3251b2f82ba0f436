import type { BribeBooks, BribeCall } from "../bribeTypes.ts";
import type { VoteSupport } from "../governanceTypes.ts";
import type { MemoryGovernance } from "./memoryGovernance.ts";
import type { MemoryLedger } from "./memoryLedger.ts";

/** The escrow contract's key in the ledger (its token balance holds the bribes). */
export const BRIBE_ESCROW_HOLDER = "bribe-escrow";
const MAX_UINT256 = 2n ** 256n - 1n;

interface Offer {
  buyer: string;
  proposal: number;
  support: VoteSupport;
  holders: string[];
  owed: Map<string, bigint>;
  claimed: Set<string>;
}

/** A call as the escrow sees it: the caller's account (resolved by the session). */
export type EscrowCall = BribeCall & { account: string };

/**
 * VoteBribeEscrow.sol in memory: the same offers, escrow, claims and refunds, checks in the contract's
 * order and its revert names (OpenZeppelin's ERC20 errors included). Reads ballots and deadlines from
 * the memory Governor, as the contract reads CrucibleBallotGovernor. Checked against the contract by
 * test/voteBribeEscrow.test.ts.
 */
export interface MemoryBribeEscrow {
  /** Applies one call in `block`; the revert name, or undefined. */
  apply(call: EscrowCall, block: bigint): string | undefined;
  books(): BribeBooks;
}

export function createMemoryBribeEscrow(
  ledger: MemoryLedger,
  governance: MemoryGovernance,
): MemoryBribeEscrow {
  const offers: Offer[] = [];
  const allowance = new Map<string, bigint>();
  let totalEscrowed = 0n;
  const k = (a: string) => a.toLowerCase();

  const matches = (o: Offer, holder: string) => governance.ballotOf(o.proposal, holder) === o.support;

  function offer(c: Extract<EscrowCall, { kind: "offer" }>, block: bigint): string | undefined {
    if (c.holders.length === 0) return "EmptyOffer";
    if (c.holders.length !== c.amounts.length) return "LengthMismatch";
    if (c.support > 2) return "InvalidSupport";
    if (block > governance.deadlineOf(c.proposal)) return "VotingClosed";
    const owed = new Map<string, bigint>();
    let total = 0n;
    for (const [i, h] of c.holders.entries()) {
      if (c.amounts[i] === 0n) return "ZeroBribe";
      if (owed.has(k(h))) return "DuplicateHolder";
      owed.set(k(h), c.amounts[i]);
      total += c.amounts[i];
    }
    // SafeERC20.safeTransferFrom: the allowance first, then the balance (OpenZeppelin 5).
    const allowed = allowance.get(k(c.account)) ?? 0n;
    if (allowed < total) return "ERC20InsufficientAllowance";
    const short = ledger.checkSpend(c.account, total);
    if (short !== undefined) return short;
    if (allowed !== MAX_UINT256) allowance.set(k(c.account), allowed - total);
    ledger.transfer(c.account, BRIBE_ESCROW_HOLDER, total);
    totalEscrowed += total;
    offers.push({
      buyer: k(c.account),
      proposal: c.proposal,
      support: c.support,
      holders: c.holders.map(k),
      owed,
      claimed: new Set(),
    });
    return undefined;
  }

  function claim(o: Offer, holder: string): string | undefined {
    const amount = o.owed.get(holder) ?? 0n;
    if (o.claimed.has(holder)) return "AlreadyClaimed";
    if (amount === 0n) return "NoBribe";
    const ballot = governance.ballotOf(o.proposal, holder);
    if (ballot === undefined) return "NotVoted";
    if (ballot !== o.support) return "VoteMismatch";
    o.claimed.add(holder);
    o.owed.set(holder, 0n);
    totalEscrowed -= amount;
    ledger.transfer(BRIBE_ESCROW_HOLDER, holder, amount);
    return undefined;
  }

  function refund(o: Offer, caller: string, block: bigint): string | undefined {
    if (caller !== o.buyer) return "NotBuyer";
    if (block <= governance.deadlineOf(o.proposal)) return "VoteNotOver";
    let amount = 0n;
    for (const h of o.holders) {
      const owed = o.owed.get(h) ?? 0n;
      if (owed === 0n || matches(o, h)) continue;
      o.owed.set(h, 0n);
      amount += owed;
    }
    if (amount === 0n) return "NothingToRefund";
    totalEscrowed -= amount;
    ledger.transfer(BRIBE_ESCROW_HOLDER, caller, amount);
    return undefined;
  }

  return {
    apply(call, block) {
      switch (call.kind) {
        case "approve":
          allowance.set(k(call.account), call.amount);
          return undefined;
        case "offer":
          return offer(call, block);
        case "claim":
        case "refund": {
          const o = offers[call.offer];
          if (o === undefined) return "UnknownOffer";
          return call.kind === "claim" ? claim(o, k(call.account)) : refund(o, k(call.account), block);
        }
      }
    },
    books: () => ({
      balance: ledger.balanceOf(BRIBE_ESCROW_HOLDER),
      totalEscrowed,
      offers: offers.length,
    }),
  };
}
