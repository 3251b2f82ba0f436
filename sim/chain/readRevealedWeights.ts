import { encodeFunctionData } from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { unpackWeightRow } from "../protocol/weightRow.ts";
import { bytesArray, uintArray } from "./abiWords.ts";
import type { Protocol } from "./deployProtocol.ts";
import { protocolAbis } from "./protocolAbis.ts";
import type { ChainHandle } from "./startChain.ts";
import { toChainError } from "./toChainError.ts";

export interface RevealedWeights {
  /** Registered UIDs at read time. */
  readonly n: number;
  /** n×n row-major u16 weights: row i is UID i's latest accepted row (zeros where it has none). */
  readonly weights: Uint16Array;
  /** Row views into `weights`, one per UID. */
  readonly rows: Uint16Array[];
  /** Whether each UID has a row (in the epoch asked for, for readRevealedWeights). */
  readonly revealed: boolean[];
  /** The epoch each row was committed for, and the block of its reveal (0n where none). */
  readonly epochs: bigint[];
  readonly revealedAt: bigint[];
}

/** Densifies sparse rows (pure); `keep(i)` false drops UID i's row. */
export function densifyRows(
  epochs: readonly bigint[],
  blocks: readonly bigint[],
  uids: readonly (readonly number[])[],
  weightRows: readonly (readonly number[])[],
  keep: (uid: number) => boolean = () => true,
): RevealedWeights {
  const n = epochs.length;
  const weights = new Uint16Array(n * n);
  const revealed = new Array<boolean>(n).fill(false);
  const revealedAt = new Array<bigint>(n).fill(0n);
  const rowEpochs = new Array<bigint>(n).fill(0n);
  for (let uid = 0; uid < n; uid++) {
    if (blocks[uid] === 0n || !keep(uid)) continue;
    revealed[uid] = true;
    revealedAt[uid] = blocks[uid];
    rowEpochs[uid] = epochs[uid];
    const row = uids[uid];
    for (let j = 0; j < row.length; j++) weights[uid * n + row[j]] = weightRows[uid][j];
  }
  const rows = Array.from({ length: n }, (_, i) => weights.subarray(i * n, (i + 1) * n));
  return { n, weights, rows, revealed, epochs: rowEpochs, revealedAt };
}

/** The latest rows of `netuid` (Weights.latestWeights, one eth_call), unpacked. Decoded by hand:
 * viem's decoder took ~230 ms at 10,000 UIDs, as long as the call (see abiWords.ts). */
async function readLatest(chain: ChainHandle, protocol: Protocol, netuid: number) {
  const { data } = await chain.publicClient.call({
    to: protocol.addresses.weights,
    data: encodeFunctionData({ abi: protocolAbis.weights, functionName: "latestWeights", args: [netuid] }),
  });
  if (data === undefined) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", "latestWeights returned no data");
  const rows = bytesArray(data, 2).map((r) => (r === "0x" ? EMPTY_ROW : unpackWeightRow(r)));
  return [
    uintArray(data, 0),
    uintArray(data, 1),
    rows.map((r) => r.uids),
    rows.map((r) => r.weights),
  ] as const;
}

const EMPTY_ROW = { uids: [] as number[], weights: [] as number[] };

/** Every UID's latest accepted row in `netuid` (the weights in force), in one eth_call. */
export async function readLatestWeights(chain: ChainHandle, protocol: Protocol, netuid = 0) {
  try {
    const [epochs, blocks, uids, weights] = await readLatest(chain, protocol, netuid);
    return densifyRows(epochs, blocks, uids, weights);
  } catch (error) {
    throw toChainError(error, `reading the weights of subnet ${netuid}`);
  }
}

/** The rows revealed for commit epoch `epoch` of `netuid` (latest rows of that epoch), one eth_call. */
export async function readRevealedWeights(
  chain: ChainHandle,
  protocol: Protocol,
  epoch: bigint | number,
  netuid = 0,
): Promise<RevealedWeights> {
  try {
    const [epochs, blocks, uids, weights] = await readLatest(chain, protocol, netuid);
    return densifyRows(epochs, blocks, uids, weights, (uid) => epochs[uid] === BigInt(epoch));
  } catch (error) {
    throw toChainError(error, `reading revealed weights of epoch ${epoch}`);
  }
}
