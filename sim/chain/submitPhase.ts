import { type Address, encodeFunctionData, type Hex, type LocalAccount } from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { ROW_ENTRY_BYTES } from "../protocol/weightRow.ts";
import { decodeRevert } from "./decodeRevert.ts";
import type { Protocol } from "./deployProtocol.ts";
import { SHARE_ENTRY_BYTES } from "./emissionShares.ts";
import { fetchRevertData } from "./fetchRevertData.ts";
import {
  type ProtocolContract,
  protocolAbis,
  type WriteFunctionArgs,
  type WriteFunctionName,
} from "./protocolAbis.ts";
import { ANVIL_BODY_LIMIT, MAX_REQUEST_BYTES } from "./requestBatch.ts";
import { type SettleTimings, sendAndMine } from "./sendAndMine.ts";
import { type SignOptions, signCallsInChunks } from "./signCalls.ts";
import type { ChainHandle } from "./startChain.ts";
import { toChainError } from "./toChainError.ts";

/** One agent's transaction in a phase, typed against the generated ABIs. */
export type PhaseCall = {
  [K in ProtocolContract]: {
    [F in WriteFunctionName<K>]: {
      /** Who acts (an agent id, recorded in the outcome). */
      readonly agent: string;
      readonly account: LocalAccount;
      readonly contract: K;
      readonly functionName: F;
      readonly args: WriteFunctionArgs<K, F>;
      /** Gas limit; default DEFAULT_CALL_GAS (distribute: more, by UID count). */
      readonly gas?: bigint;
      /** The contract's address when it is not the phase protocol's (another deployment). */
      readonly target?: Address;
    };
  }[WriteFunctionName<K>];
}[ProtocolContract];

/** One call of a phase as Anvil mined it (a revert is an outcome, with its decoded custom error). */
export interface MinedCall {
  readonly agent: string;
  readonly contract: ProtocolContract;
  readonly functionName: string;
  readonly status: "success" | "reverted";
  /** Custom error name of a reverted call (see decodeRevert for the other values). */
  readonly error?: string;
  readonly errorArgs?: readonly unknown[];
  readonly gasUsed: bigint;
  readonly txHash: Hex;
}

/** What Anvil mined for a phase's calls: each call's outcome, the blocks, where the time went, the gas. */
export interface MinedPhase {
  /** One outcome per call, in input order. */
  readonly outcomes: MinedCall[];
  /** The last block of the phase (the only one unless it had more than `blockSize` calls). */
  readonly blockNumber: bigint;
  /** Every block the phase mined, in order. */
  readonly blocks: bigint[];
  /** Where the wall time went (ms): `prepare` (encoding, nonces, and the signing itself when it runs
   * on the main thread), waiting for worker signatures, sending, mining, receipts, revert reasons. */
  readonly timings: SettleTimings & { prepare: number; reverts: number };
  readonly gasUsed: bigint;
  readonly reverted: number;
}

/** Generous default gas limit: gas is free on our Anvil, and a limit too low would fake reverts. */
export const DEFAULT_CALL_GAS = 15_000_000n;

function gasLimitFor(call: PhaseCall): bigint {
  if (call.gas !== undefined) return call.gas;
  if (call.contract === "emission" && call.functionName === "distribute") {
    const uids = BigInt(Math.floor((call.args[2].length - 2) / 2 / SHARE_ENTRY_BYTES));
    const perUid = 500_000n + 150_000n * uids;
    return perUid > DEFAULT_CALL_GAS ? perUid : DEFAULT_CALL_GAS;
  }
  if (call.contract === "weights" && call.functionName === "reveal") {
    // A new row stores 32 bytes (8 entries) per ~22,100-gas slot; calldata and checks cost the rest.
    const entries = BigInt(Math.floor((call.args[2].length - 2) / 2 / ROW_ENTRY_BYTES));
    const perEntry = 1_000_000n + 4_000n * entries;
    return perEntry > DEFAULT_CALL_GAS ? perEntry : DEFAULT_CALL_GAS;
  }
  return DEFAULT_CALL_GAS;
}

/** Bytes a signed transaction's eth_sendRawTransaction request adds to its calldata's hex: the
 * signature, nonce, fees, gas, target and the JSON envelope (generous). */
const REQUEST_OVERHEAD = 512;

/** Throws a CrucibleError naming the call when its transaction alone would exceed a request body. */
function checkCallSize(call: PhaseCall, data: Hex): void {
  const bytes = data.length + REQUEST_OVERHEAD;
  if (bytes <= MAX_REQUEST_BYTES) return;
  throw new CrucibleError(
    "CRUCIBLE_CHAIN_FAILED",
    `${call.agent}'s ${call.contract}.${call.functionName} is too large to send: its transaction is ~${bytes} bytes of JSON-RPC, over the ${MAX_REQUEST_BYTES}-byte request limit`,
    {
      details: `calldata ${(data.length - 2) / 2} bytes; Anvil refuses request bodies over ${ANVIL_BODY_LIMIT} bytes`,
    },
  );
}

/** How a phase is settled: `chunkSize` calls per block (default 1,000), worker signing. */
export type SubmitPhaseOptions = SignOptions;

/**
 * Settles one phase: encodes every call, signs locally with managed nonces (in the chain's worker
 * threads for large phases, chunk k+1 signing while chunk k is sent), sends each chunk in JSON-RPC
 * batches, mines it as ONE block (at least one block, even for no calls; about 1,000 calls a block
 * by default, since Anvil's receipts of bigger blocks slow down much faster than linearly) and reads
 * its receipts with one eth_getBlockReceipts. Calls execute in input order. A revert is an outcome
 * carrying the decoded custom error name; only infrastructure failures throw (CRUCIBLE_CHAIN_FAILED).
 */
export async function submitPhase(
  chain: ChainHandle,
  protocol: Protocol,
  calls: readonly PhaseCall[],
  options: SubmitPhaseOptions = {},
): Promise<MinedPhase> {
  try {
    const t0 = performance.now();
    const gasLimits = calls.map(gasLimitFor);
    const unsigned = calls.map((call, i) => {
      const data = encodeFunctionData({
        abi: protocolAbis[call.contract],
        functionName: call.functionName,
        args: call.args,
      } as Parameters<typeof encodeFunctionData>[0]);
      checkCallSize(call, data);
      return {
        account: call.account,
        to: call.target ?? protocol.addresses[call.contract],
        data,
        gas: gasLimits[i],
      };
    });
    const chunks = await signCallsInChunks(chain, unsigned, options);
    const prepare = performance.now() - t0;
    const mined = await sendAndMine(chain, chunks);
    const t1 = performance.now();

    const revertedIdx = mined.receipts.flatMap((r, i) => (r.status === "0x1" ? [] : [i]));
    const revertData = await fetchRevertData(
      chain,
      revertedIdx.map((i) => mined.txHashes[i]),
    );
    const decoded = new Map(
      revertedIdx.map((i, k) => [
        i,
        decodeRevert(revertData[k], BigInt(mined.receipts[i].gasUsed), gasLimits[i]),
      ]),
    );

    let gasUsed = 0n;
    const outcomes = calls.map((call, i): MinedCall => {
      const receipt = mined.receipts[i];
      const used = BigInt(receipt.gasUsed);
      gasUsed += used;
      const revert = decoded.get(i);
      const base = {
        agent: call.agent,
        contract: call.contract,
        functionName: call.functionName,
        gasUsed: used,
        txHash: mined.txHashes[i],
      };
      return revert === undefined
        ? { ...base, status: "success" }
        : { ...base, status: "reverted", error: revert.error, errorArgs: revert.errorArgs };
    });
    const timings = { ...mined.timings, prepare, reverts: performance.now() - t1 };
    return {
      outcomes,
      blockNumber: mined.blocks[mined.blocks.length - 1],
      blocks: mined.blocks,
      timings,
      gasUsed,
      reverted: revertedIdx.length,
    };
  } catch (error) {
    throw toChainError(error, `submitting a phase of ${calls.length} calls`);
  }
}
