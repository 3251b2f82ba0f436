import { CrucibleError } from "../../errors/CrucibleError.ts";

/** Calls the Anvil session mines per block: a phase of more calls spans ceil(calls / 1,000) blocks
 * (submitPhase's default chunk, one block a chunk). */
export const CALLS_PER_BLOCK = 1_000;

/**
 * The block numbers the Anvil session would reach: block 0 is genesis, block 1 holds the deployment
 * (contracts, subnet, genesis allocation; funding accounts mines nothing), then every phase mines at
 * least one block (one even for no calls) and `alignEpoch` mines empty blocks up to an epoch's start.
 */
export interface BlockClock {
  /** The latest block mined. */
  head(): bigint;
  /** The block call `index` of a phase of `calls` calls lands in, before `advance`. */
  blockOf(index: number): bigint;
  /** Mines the blocks of a phase of `calls` calls; returns the last one. */
  advance(calls: number): bigint;
  /** What `ProtocolSession.alignEpoch` does: the start block of `epoch`. */
  alignEpoch(epoch: number): bigint;
  /** The head and the epoch origin, as plain values (a checkpoint), and the same put back. */
  saveState(): BlockClockState;
  loadState(state: BlockClockState): void;
}

export interface BlockClockState {
  head: bigint;
  origin: { epoch: number; block: bigint } | undefined;
}

/** Blocks a phase of `calls` calls mines. */
export function phaseBlocks(calls: number): number {
  return Math.max(1, Math.ceil(calls / CALLS_PER_BLOCK));
}

export function createBlockClock(epochBlocks: number, deployBlock = 1n): BlockClock {
  let head = deployBlock;
  let origin: { epoch: number; block: bigint } | undefined;
  return {
    head: () => head,
    blockOf: (index) => head + 1n + BigInt(Math.floor(index / CALLS_PER_BLOCK)),
    advance(calls) {
      head += BigInt(phaseBlocks(calls));
      return head;
    },
    alignEpoch(epoch) {
      const next = head + 1n;
      if (epochBlocks <= 0) return next;
      if (origin === undefined) {
        origin = { epoch, block: next };
        return next;
      }
      const start = origin.block + BigInt((epoch - origin.epoch) * epochBlocks);
      if (start < next) {
        throw new CrucibleError(
          "CRUCIBLE_CHAIN_FAILED",
          `epoch ${epoch} should start at block ${start} (tempo ${epochBlocks}), but the chain is at ${head}: an epoch used more than tempo blocks; raise protocol.tempo`,
        );
      }
      head = start - 1n;
      return start;
    },
    saveState: () => ({ head, origin: origin === undefined ? undefined : { ...origin } }),
    loadState(state) {
      head = state.head;
      origin = state.origin === undefined ? undefined : { ...state.origin };
    },
  };
}
