import type { PhaseOutcomes, ProtocolSession, TaskBatch } from "../protocol/protocolSession.ts";
import type { Address } from "../protocol/protocolTypes.ts";

/** The scenario's task market, in wei (`users` 0: none). */
export interface TaskMarketConfig {
  users: number;
  /** What each user escrows per epoch (wei). */
  feeWei: bigint;
}

/** How an epoch's escrow was settled, in wei; `feesWei` by UID (released fees each agent received). */
export interface TaskFees {
  escrowedWei: bigint;
  releasedWei: bigint;
  refundedWei: bigint;
  feesWei: bigint[];
}

/**
 * The epoch's task batches: the queries validators send this epoch are the users' tasks, dealt
 * evenly (the first users take one more when they do not divide), each batch paid `feeWei`.
 */
export function taskBatches(market: TaskMarketConfig, queries: number): TaskBatch[] {
  return Array.from({ length: market.users }, (_, user) => ({
    user,
    tasks: Math.floor(queries / market.users) + (user < queries % market.users ? 1 : 0),
    fee: market.feeWei,
  }));
}

/**
 * Users escrow their batches for `epoch` (one block, in the tasks phase). Returns the outcomes and
 * the escrow accepted; a user who cannot pay is a reverted call, not a crash. Nothing without users.
 */
export async function postTaskBatches(
  session: ProtocolSession,
  market: TaskMarketConfig | undefined,
  epoch: number,
  queries: number,
): Promise<{ result: PhaseOutcomes | null; escrowedWei: bigint }> {
  if (market === undefined || market.users === 0) return { result: null, escrowedWei: 0n };
  const batches = taskBatches(market, queries);
  const result = await session.postTasks(epoch, batches);
  const escrowedWei = result.outcomes.reduce(
    (s, o, i) => (o.status === "success" ? s + batches[i].fee : s),
    0n,
  );
  return { result, escrowedWei };
}

/**
 * After the emission phase: Emission released the epoch's fees with its payout (miners ∝ incentive,
 * validators ∝ dividends) or refunded them when the mechanism assigned nothing. An epoch the engine
 * did not pay at all (no payee) FAILS: Emission.failEpoch refunds its escrow and mints nothing.
 * Then reads, from the blocks since `fromBlock`, what the market released, refunded and paid each
 * agent. Nothing without users.
 */
export async function settleTaskFees(
  session: ProtocolSession,
  market: TaskMarketConfig | undefined,
  epoch: number,
  fromBlock: bigint,
  addressOf: readonly Address[],
  escrowedWei: bigint,
): Promise<{ result: PhaseOutcomes | null; fees: TaskFees }> {
  const none = { escrowedWei, releasedWei: 0n, refundedWei: 0n, feesWei: addressOf.map(() => 0n) };
  if (market === undefined || market.users === 0) return { result: null, fees: none };
  const result = (await session.isEpochSettled(epoch)) ? null : await session.failEpoch(epoch);
  const settled = await session.readMarketSettlement(epoch, fromBlock);
  return {
    result,
    fees: {
      escrowedWei,
      releasedWei: settled.released,
      refundedWei: settled.refunded,
      feesWei: addressOf.map((a) =>
        settled.released > 0n ? (settled.paidTo.get(a.toLowerCase()) ?? 0n) : 0n,
      ),
    },
  };
}
