import type { Protocol } from "./deployProtocol.ts";
import { protocolAbis } from "./protocolAbis.ts";
import type { ChainHandle } from "./startChain.ts";
import { toChainError } from "./toChainError.ts";

export interface RevealedWeights {
  readonly epoch: bigint;
  /** Registered UIDs at read time. */
  readonly n: number;
  /** n×n row-major u16 weights: row i is what UID i revealed; zeros where it did not reveal. */
  readonly weights: Uint16Array;
  /** Row views into `weights`, one per UID. */
  readonly rows: Uint16Array[];
  readonly revealed: boolean[];
  /** Block of each UID's accepted reveal (0n where none). */
  readonly revealedAt: bigint[];
}

/** Densifies the sparse rows the Weights contract returns (pure). */
export function densifyRevealed(
  epoch: bigint,
  n: number,
  revealers: readonly number[],
  revealedAtBlocks: readonly bigint[],
  uids: readonly (readonly number[])[],
  weightRows: readonly (readonly number[])[],
): RevealedWeights {
  const weights = new Uint16Array(n * n);
  const revealed = new Array<boolean>(n).fill(false);
  const revealedAt = new Array<bigint>(n).fill(0n);
  revealers.forEach((uid, k) => {
    if (uid >= n) return; // cannot happen: UIDs are never removed
    revealed[uid] = true;
    revealedAt[uid] = revealedAtBlocks[k];
    const row = uids[k];
    for (let j = 0; j < row.length; j++) weights[uid * n + row[j]] = weightRows[k][j];
  });
  const rows = Array.from({ length: n }, (_, i) => weights.subarray(i * n, (i + 1) * n));
  return { epoch, n, weights, rows, revealed, revealedAt };
}

/** The revealed weight matrix of `epoch` and who revealed, in one eth_call. */
export async function readRevealedWeights(
  chain: ChainHandle,
  protocol: Protocol,
  epoch: bigint | number,
): Promise<RevealedWeights> {
  try {
    const [n, revealers, revealedAt, uids, weights] = await chain.publicClient.readContract({
      address: protocol.addresses.weights,
      abi: protocolAbis.weights,
      functionName: "revealedWeights",
      args: [BigInt(epoch)],
    });
    return densifyRevealed(BigInt(epoch), n, revealers, revealedAt, uids, weights);
  } catch (error) {
    throw toChainError(error, `reading revealed weights of epoch ${epoch}`);
  }
}
