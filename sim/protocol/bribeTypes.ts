/**
 * A vote buyer's bribes as the port speaks them (contracts/src/VoteBribeEscrow.sol and its in-memory
 * twin, sim/protocol/memory/memoryBribeEscrow.ts). Plain values only (bigints, `0x…` strings).
 */
import type { VoteSupport } from "./governanceTypes.ts";
import type { Address, SessionAgent } from "./protocolTypes.ts";

/** One call of a bribe block, by the agent `from`. Offers are numbered 0, 1, 2, ... in the order
 * they succeed. */
export type BribeCall =
  /** token.approve(escrow, amount) */
  | { kind: "approve"; from: SessionAgent; amount: bigint }
  /** escrow.offer: amounts[i] escrowed for holders[i] should it vote `support` on `proposal`. */
  | {
      kind: "offer";
      from: SessionAgent;
      proposal: number;
      support: VoteSupport;
      holders: readonly Address[];
      amounts: readonly bigint[];
    }
  /** escrow.claim: the caller's amount of `offer`, paid on a matching recorded ballot. */
  | { kind: "claim"; from: SessionAgent; offer: number }
  /** escrow.refund: after the vote, the amounts of holders who did not vote the offer's way. */
  | { kind: "refund"; from: SessionAgent; offer: number };

/** What the escrow holds. */
export interface BribeBooks {
  /** The escrow's token balance. */
  balance: bigint;
  /** The unpaid amounts of every offer (<= balance). */
  totalEscrowed: bigint;
  offers: number;
}
