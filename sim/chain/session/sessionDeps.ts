import type { Address, Hex, LocalAccount } from "viem";
import type { PhaseResult, WeightSubmission } from "../../protocol/protocolSession.ts";
import { type ChainHandle, commitHash, type PhaseCall, type Protocol } from "../index.ts";

/** What each part of the session works over: the chain, the deployed protocol, its subnet, the
 * agents' keys and the one way to send a block. */
export interface SessionDeps {
  chain: ChainHandle;
  protocol: Protocol;
  netuid: number;
  /** The agent account holding `address` (throws for an unknown one). */
  accountOf(address: Address): LocalAccount;
  /** Sends `calls` as one phase (one block) and returns their outcomes. */
  submit(calls: readonly PhaseCall[]): Promise<PhaseResult>;
}

/** The commitment of a weight submission for `epoch` on subnet `netuid` (what Weights.commit stores
 * and a reveal or a mismatch proof must match). */
export function submissionHash(netuid: number, epoch: number, s: WeightSubmission): Hex {
  return commitHash({ netuid, epoch, hotkey: s.address, uids: s.uids, weights: s.weights, salt: s.salt });
}
