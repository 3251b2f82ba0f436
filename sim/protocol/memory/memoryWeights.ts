import { commitHash } from "../crypto/commitHash.ts";
import type { Address, Hex } from "../protocolTypes.ts";
import type { MemoryRegistry } from "./memoryRegistry.ts";
import type { MemoryStaking } from "./memoryStaking.ts";

/** Weights.PROOF_WINDOW_EPOCHS: how many epochs after its commit epoch a mismatch can be proven. */
export const PROOF_WINDOW_EPOCHS = 4;

interface Commitment {
  hash: Hex;
  hotkey: Address;
  block: bigint;
  revealed: boolean;
  slashed: boolean;
}

/** The latest accepted row of a UID: who revealed it, for which commit epoch, in which block. */
export interface StoredRow {
  hotkey: Address;
  epoch: number;
  block: bigint;
  uids: readonly number[];
  weights: readonly number[];
}

/** A reveal payload as the watcher holds it: the row, its salt, and who signed it. */
export interface SignedPayload {
  uids: readonly number[];
  weights: readonly number[];
  salt: Hex;
  signer: Address;
}

/**
 * Weights in memory for one subnet: epochs, validator permits, commit-reveal and mismatch proofs,
 * with the contract's checks in its order (each method returns the revert's error name).
 */
export function createMemoryWeights(netuid: number, registry: MemoryRegistry, staking: MemoryStaking) {
  const p = registry.params;
  let current = 0;
  let anyOpened = false;
  let permitted = new Set<number>();
  let permitBlock = 0n;
  const commitments = new Map<string, Commitment>();
  const rows = new Map<number, StoredRow>();
  const at = (uid: number, epoch: number) => `${uid}:${epoch}`;
  const hashOf = (epoch: number, hotkey: Address, uids: readonly number[], w: readonly number[], salt: Hex) =>
    commitHash({ netuid, epoch, hotkey, uids, weights: w, salt });

  const hasPermit = (uid: number) => permitted.has(uid) && registry.registeredAt[uid] < permitBlock;

  /** Weights._checkRow: whole entries (packing guarantees it), at least min(minAllowed, n), UIDs
   * strictly increasing below n. */
  const checkRow = (uids: readonly number[]): string | undefined => {
    const n = registry.count();
    if (uids.length < Math.min(p.minAllowedWeights, n)) return "TooFewWeights";
    let next = 0;
    for (const uid of uids) {
      if (uid >= n) return "UidOutOfRange";
      if (uid < next) return "UidsNotIncreasing";
      next = uid + 1;
    }
    return undefined;
  };

  return {
    openEpoch(epoch: number): string | undefined {
      if (anyOpened && epoch <= current) return "EpochNotIncreasing";
      current = epoch;
      anyOpened = true;
      return undefined;
    },
    setPermits(uids: readonly number[], block: bigint): string | undefined {
      if (uids.length > p.maxValidators) return "TooManyPermits";
      if (uids.some((uid) => uid >= registry.count())) return "UidOutOfRange";
      permitted = new Set(uids);
      permitBlock = block;
      return undefined;
    },
    /** Weights.commit from `hotkey`: stores `hash` under the epoch open now. */
    commit(hotkey: Address, hash: Hex, block: bigint): string | undefined {
      if (!anyOpened) return "NoOpenEpoch";
      const uid = registry.uidOf(hotkey);
      if (uid === undefined) return "NotRegistered";
      if (!hasPermit(uid)) return "NoValidatorPermit";
      if (commitments.has(at(uid, current))) return "AlreadyCommitted";
      commitments.set(at(uid, current), { hash, hotkey, block, revealed: false, slashed: false });
      return undefined;
    },
    reveal(hotkey: Address, epoch: number, row: Omit<SignedPayload, "signer">, block: bigint) {
      if (!anyOpened || current < epoch || current - epoch < p.revealDelayEpochs) return "RevealTooEarly";
      if (current - epoch > p.revealDelayEpochs) return "RevealTooLate";
      const uid = registry.uidOf(hotkey);
      if (uid === undefined) return "NotRegistered";
      const c = commitments.get(at(uid, epoch));
      if (c === undefined) return "NoCommit";
      if (c.hotkey.toLowerCase() !== hotkey.toLowerCase()) return "NotCommitter";
      if (c.revealed) return "AlreadyRevealed";
      if (block <= c.block) return "RevealInCommitBlock";
      const bad = checkRow(row.uids);
      if (bad) return bad;
      if (hashOf(epoch, hotkey, row.uids, row.weights, row.salt) !== c.hash) return "RevealMismatch";
      c.revealed = true;
      rows.set(uid, { hotkey, epoch, block, uids: [...row.uids], weights: [...row.weights] });
      return undefined;
    },
    /** The open epoch (undefined while none): what an owner's slash is bounded by. */
    openEpochNow: () => (anyOpened ? current : undefined),
    /** Weights.proveMismatch: slashes the committer when the payload, signed by it, differs from its
     * commitment (the signature recovers to the committer only if it signed this very payload), while
     * the open epoch is at most PROOF_WINDOW_EPOCHS past `epoch`. */
    proveMismatch(epoch: number, uid: number, payload: SignedPayload): string | undefined {
      const c = commitments.get(at(uid, epoch));
      if (c === undefined) return "NoCommit";
      if (c.slashed) return "AlreadySlashed";
      if (current > epoch && current - epoch > PROOF_WINDOW_EPOCHS) return "ProofTooLate";
      const claimed = hashOf(epoch, c.hotkey, payload.uids, payload.weights, payload.salt);
      if (claimed === c.hash) return "NotAMismatch";
      if (payload.signer.toLowerCase() !== c.hotkey.toLowerCase()) return "BadSignature";
      c.slashed = true;
      staking.slash(c.hotkey, p.slashBps);
      return undefined;
    },
    /** Weights.commitmentOf's hash (undefined while none). */
    commitmentHash: (epoch: number, uid: number) => commitments.get(at(uid, epoch))?.hash,
    /** Weights.latestWeights: each UID's latest row still held by the hotkey that revealed it. */
    latestRow(uid: number): StoredRow | undefined {
      const row = rows.get(uid);
      if (row === undefined || row.hotkey.toLowerCase() !== registry.hotkeys[uid]?.toLowerCase())
        return undefined;
      return row;
    },
    /** Everything it holds, as plain values (a checkpoint), and the same put back. */
    saveState: () => ({
      current,
      anyOpened,
      permitted: [...permitted],
      permitBlock,
      commitments: [...commitments].map(([k, c]) => [k, { ...c }] as [string, Commitment]),
      rows: [...rows].map(
        ([uid, r]) => [uid, { ...r, uids: [...r.uids], weights: [...r.weights] }] as [number, StoredRow],
      ),
    }),
    loadState(state: {
      current: number;
      anyOpened: boolean;
      permitted: number[];
      permitBlock: bigint;
      commitments: [string, Commitment][];
      rows: [number, StoredRow][];
    }): void {
      current = state.current;
      anyOpened = state.anyOpened;
      permitted = new Set(state.permitted);
      permitBlock = state.permitBlock;
      commitments.clear();
      for (const [k, c] of state.commitments) commitments.set(k, { ...c });
      rows.clear();
      for (const [uid, r] of state.rows) rows.set(uid, { ...r, uids: [...r.uids], weights: [...r.weights] });
    },
  };
}

export type MemoryWeights = ReturnType<typeof createMemoryWeights>;
