import type { Address, LocalAccount } from "viem";
import type { PhaseResult } from "../../protocol/protocolSession.ts";
import type { ChainHandle, PhaseCall, Protocol } from "../index.ts";

export { submissionHash } from "../../protocol/crypto/commitHash.ts";

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
