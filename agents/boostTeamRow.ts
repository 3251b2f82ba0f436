import type { WeightVector } from "../sim/population/agentTypes.ts";
import { scoresToU16Weights } from "./scoresToU16Weights.ts";

/**
 * A weight row from honest scores, bent: every miner in `team` (positions) gets `teamScore`, every
 * other scored miner its score times `othersFactor`; `extra` UIDs (e.g. its own) get the row's
 * maximum. Miners it did not score (NaN) are left out, and so is a row with nothing positive. UIDs
 * increasing, as the chain wants.
 */
export function boostTeamRow(
  scores: Float64Array | null,
  minerUids: readonly number[],
  team: ReadonlySet<number>,
  bend: { teamScore: number; othersFactor: number; extra?: readonly number[] },
): WeightVector | null {
  const entries: { uid: number; score: number }[] = [];
  minerUids.forEach((uid, i) => {
    if (team.has(i)) entries.push({ uid, score: bend.teamScore });
    else if (scores !== null && !Number.isNaN(scores[i]))
      entries.push({ uid, score: scores[i] * bend.othersFactor });
  });
  const max = Math.max(0, ...entries.map((e) => e.score));
  for (const uid of bend.extra ?? []) {
    if (!entries.some((e) => e.uid === uid)) entries.push({ uid, score: Math.max(max, bend.teamScore) });
  }
  if (!entries.some((e) => e.score > 0)) return null;
  entries.sort((a, b) => a.uid - b.uid);
  return { uids: entries.map((e) => e.uid), weights: scoresToU16Weights(entries.map((e) => e.score)) };
}
