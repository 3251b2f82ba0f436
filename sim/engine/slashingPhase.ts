import type { PublicState } from "../population/agentTypes.ts";
import type {
  MismatchProof,
  PhaseOutcomes,
  ProtocolSession,
  WeightSubmission,
} from "../protocol/protocolSession.ts";
import type { Rng } from "../rng/createRng.ts";
import type { Population } from "./buildPopulation.ts";

/** The scenario's slashing rules (scenario `slashing`). */
export interface SlashingConfig {
  /** A watcher proves every reveal whose signed payload differs from its commitment. */
  proveMismatches: boolean;
  /** Owner rule: each epoch, each miner of `strategy` is flagged with `probability`. */
  flagMiners: readonly { strategy: string; probability: number }[];
}

/**
 * What each validator reveals for its due commits: what it committed, unless its strategy revises
 * it (an equivocator), in which case the reveal carries the revised row with the same salt, and its
 * signed payload no longer matches the commitment.
 */
export function revealPayloads(
  population: Population,
  due: readonly WeightSubmission[],
  context: { epoch: number; commitEpoch: number; rng: Rng; publicState: PublicState },
): WeightSubmission[] {
  const byAgent = new Map(population.validators.map((v) => [v.agent, v]));
  const minerUids = population.miners.map((m) => m.uid);
  return due.map((s) => {
    const revise = byAgent.get(s.agent)?.strategy.revise;
    if (revise === undefined) return s;
    const revised = revise({
      epoch: context.epoch,
      commitEpoch: context.commitEpoch,
      rng: context.rng.fork(`revise-${s.agent}`),
      committed: { uids: s.uids, weights: s.weights },
      minerUids,
      publicState: context.publicState,
    });
    return revised === null ? s : { ...s, uids: revised.uids, weights: revised.weights };
  });
}

/** The owner's flags this epoch: each miner of a listed strategy with its probability, drawn with `rng`. */
export function flagMiners(population: Population, config: SlashingConfig, rng: Rng): number[] {
  const flagged: number[] = [];
  for (const m of population.miners) {
    const rule = config.flagMiners.find((r) => r.strategy === m.strategy.name);
    if (rule === undefined) continue;
    if (rng.fork(m.agent).float() < rule.probability) flagged.push(m.uid);
  }
  return flagged;
}

/**
 * The slashing phase (one block, after emission): the watcher's proofs against this epoch's reveals
 * of `revealEpoch` commits, and the owner's flags. What each UID lost is its stake before the block
 * minus its stake after (nothing else moves stake in that block); slashed tokens are burned.
 * No block at all when there is nothing to slash.
 */
export async function runSlashing(
  session: ProtocolSession,
  config: SlashingConfig | undefined,
  input: { population: Population; revealEpoch: number; reveals: readonly WeightSubmission[]; rng: Rng },
): Promise<{ result: PhaseOutcomes | null; slashedWei: bigint[] }> {
  const { population, revealEpoch, reveals } = input;
  const zero = Array.from({ length: population.n }, () => 0n);
  if (config === undefined) return { result: null, slashedWei: zero };
  const uidOf = new Map(population.validators.map((v) => [v.agent, v.uid]));
  const candidates: MismatchProof[] = reveals.flatMap((submission) => {
    const uid = uidOf.get(submission.agent);
    return uid === undefined ? [] : [{ uid, submission }];
  });
  const proofs =
    config.proveMismatches && candidates.length > 0 && revealEpoch >= 0
      ? await session.findMismatches(revealEpoch, candidates)
      : [];
  const hotkeyOf = new Map(population.miners.map((m) => [m.uid, session.agentAddresses[m.slot]]));
  const flagged = flagMiners(population, config, input.rng).map((uid) => ({
    uid,
    hotkey: hotkeyOf.get(uid) ?? session.agentAddresses[uid],
  }));
  if (proofs.length === 0 && flagged.length === 0) return { result: null, slashedWei: zero };
  const before = await session.readStakes();
  const result = await session.slash(revealEpoch, proofs, flagged);
  const after = await session.readStakes();
  return { result, slashedWei: zero.map((_, uid) => (before[uid] ?? 0n) - (after[uid] ?? 0n)) };
}
