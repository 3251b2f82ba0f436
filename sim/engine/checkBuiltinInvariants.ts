import type { ProtocolSession, SupplyBooks } from "../protocol/protocolSession.ts";
import { BuiltinInvariantError } from "./builtinInvariantError.ts";

/** What the checker carries from one epoch to the next. */
export interface BuiltinBooks {
  books: SupplyBooks;
}

export interface EpochFacts {
  epoch: number;
  /** Emission each UID received this epoch (wei, fees apart). */
  rewardWei: readonly bigint[];
  /** Stake burned by slashes this epoch (wei sum), and whether the scenario slashes at all. */
  slashedWei: bigint;
  slashingEnabled: boolean;
  /** The most the protocol may mint in one epoch (the scenario's emission per epoch, wei). */
  maxMintWei: bigint;
  /** Weights the mechanism used this epoch and those in force before, n×n; the reveals it read. */
  n: number;
  weightsBefore: Float64Array;
  weightsUsed: Float64Array;
  revealEpoch: number;
}

/** The books right after genesis: the baseline the first epoch is checked against. */
export async function openBuiltinBooks(session: ProtocolSession): Promise<BuiltinBooks> {
  const books = await session.readSupplyBooks();
  checkConservation(books, -1);
  return { books };
}

/**
 * The always-on protocol invariants, read from the protocol after each epoch (both backends): supply
 * conservation (balances + stake + unbonding + escrow = supply), no UID paid more than was minted
 * this epoch (and the agents together no more), nothing minted beyond the epoch's emission, no slash
 * in a scenario without slashing, one UID per hotkey, and weights that changed only by a reveal.
 * Throws BuiltinInvariantError at the first one broken; returns the books for the next epoch.
 */
export async function checkBuiltinInvariants(
  session: ProtocolSession,
  previous: BuiltinBooks,
  facts: EpochFacts,
): Promise<BuiltinBooks> {
  const { epoch } = facts;
  const books = await session.readSupplyBooks();
  checkConservation(books, epoch);
  const minted =
    books.totalSupply - previous.books.totalSupply + (books.totalBurned - previous.books.totalBurned);
  const paid = facts.rewardWei.reduce((s, x) => s + x, 0n);
  if (paid > minted) {
    let uid = 0;
    for (const [i, x] of facts.rewardWei.entries()) if (x > facts.rewardWei[uid]) uid = i;
    const most = facts.rewardWei[uid];
    throw new BuiltinInvariantError(
      "paid-within-minted",
      epoch,
      {
        paidWei: paid.toString(),
        mintedWei: minted.toString(),
        largestUid: uid,
        largestWei: most.toString(),
      },
      `agents were paid ${paid} wei, ${paid - minted} more than the ${minted} minted`,
    );
  }
  if (minted > facts.maxMintWei) {
    throw new BuiltinInvariantError(
      "mint-within-schedule",
      epoch,
      { mintedWei: minted.toString(), maxMintWei: facts.maxMintWei.toString() },
      `${minted} wei minted, more than the epoch's emission ${facts.maxMintWei}`,
    );
  }
  if (!facts.slashingEnabled && facts.slashedWei > 0n) {
    throw new BuiltinInvariantError(
      "slash-authorised",
      epoch,
      { slashedWei: facts.slashedWei.toString() },
      `${facts.slashedWei} wei slashed in a scenario without slashing`,
    );
  }
  const { hotkeys } = await session.readUids();
  const seen = new Map<string, number>();
  for (const [uid, hotkey] of hotkeys.entries()) {
    const first = seen.get(hotkey.toLowerCase());
    if (first !== undefined) {
      throw new BuiltinInvariantError(
        "one-uid-per-hotkey",
        epoch,
        { hotkey, uids: `${first}, ${uid}` },
        `hotkey ${hotkey} holds UIDs ${first} and ${uid}`,
      );
    }
    seen.set(hotkey.toLowerCase(), uid);
  }
  await checkRevealedWeights(session, facts);
  return { books };
}

function checkConservation(books: SupplyBooks, epoch: number): void {
  const held = books.accountBalances + books.totalStaked + books.totalUnbonding + books.totalEscrow;
  if (held === books.totalSupply) return;
  const diff = held - books.totalSupply;
  throw new BuiltinInvariantError(
    "supply-conservation",
    epoch,
    {
      balancesWei: books.accountBalances.toString(),
      stakedWei: books.totalStaked.toString(),
      unbondingWei: books.totalUnbonding.toString(),
      escrowWei: books.totalEscrow.toString(),
      heldWei: held.toString(),
      supplyWei: books.totalSupply.toString(),
    },
    `balances + stakes + unbonding + escrow = ${held} wei, supply ${books.totalSupply} wei (${diff > 0n ? `${diff} more` : `${-diff} less`})`,
  );
}

/** A weight row the mechanism used differs from the one in force before only where the chain holds
 * that row as revealed for the epoch it read (a row cleared to zero is a UID changing hands). */
async function checkRevealedWeights(session: ProtocolSession, facts: EpochFacts): Promise<void> {
  const { n, weightsBefore, weightsUsed, revealEpoch } = facts;
  if (weightsBefore.length !== n * n || weightsUsed.length !== n * n) return;
  const revealed =
    revealEpoch >= 0
      ? await session.readRevealedWeights(revealEpoch, n)
      : { revealed: [], weights: new Float64Array(0) };
  for (let uid = 0; uid < n; uid++) {
    const used = weightsUsed.subarray(uid * n, (uid + 1) * n);
    const before = weightsBefore.subarray(uid * n, (uid + 1) * n);
    const onChain =
      revealed.revealed[uid] === true ? revealed.weights.subarray(uid * n, (uid + 1) * n) : null;
    const matches = (row: Float64Array) => row.every((w, j) => w === used[j]);
    if (onChain !== null ? matches(onChain) : matches(before) || used.every((w) => w === 0)) continue;
    throw new BuiltinInvariantError(
      "only-revealed-weights",
      facts.epoch,
      { uid, revealEpoch, revealed: String(onChain !== null) },
      onChain === null
        ? `UID ${uid}'s weights changed without a reveal for epoch ${revealEpoch}`
        : `UID ${uid}'s weights differ from its reveal for epoch ${revealEpoch}`,
    );
  }
}
