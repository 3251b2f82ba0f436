import { checkMechanismOutput } from "../mechanisms/checkMechanismOutput.ts";
import type { MechanismOutput } from "../mechanisms/mechanism.ts";
import { toTokens } from "../protocol/tokenUnits.ts";
import type { Scored } from "./alignScores.ts";
import { copyWeightRows } from "./copyWeightRows.ts";
import type { EpochContext } from "./epochContext.ts";
import type { EpochState } from "./epochState.ts";

/** The mechanism's epoch and the weights in force after this epoch's reveals. */
export interface MechanismEpoch {
  output: MechanismOutput;
  mechanismState: unknown;
  weights: Float64Array;
  lastUpdate: Float64Array;
}

/**
 * Step 6: the mechanism reads what the chain holds: stake, the rows revealed for `revealEpoch` (at
 * `revealBlock`) over the rows still in force (the stake: a network's alpha stake when given), registration blocks; and the miners' losses where
 * a batch was scored. The output is checked as a whole (checkMechanismOutput) for every mechanism,
 * built-in or user module, before the engine pays by it.
 */
export async function mechanismFromChain(
  ctx: Pick<EpochContext, "population" | "session" | "mechanism">,
  state: Pick<EpochState, "weights" | "lastUpdate" | "mechanismState">,
  reveal: { revealEpoch: number; revealBlock: bigint },
  scored: Scored | null,
  /** The stake to weigh instead of the chain's (tokens, by UID): a network's alpha stake. */
  stakeOverride: Float64Array | null = null,
): Promise<MechanismEpoch> {
  const { session } = ctx;
  const { n, miners } = ctx.population;
  const { revealEpoch, revealBlock } = reveal;
  const [stakes, revealed, registeredAt] = await Promise.all([
    session.readStakes(),
    revealEpoch >= 0
      ? session.readRevealedWeights(revealEpoch, n)
      : { revealed: [], weights: new Float64Array(0) },
    session.readRegisteredAt(),
  ]);
  const weights = copyWeightRows(state.weights, n, state.lastUpdate);
  const lastUpdate = state.lastUpdate.slice();
  revealed.revealed.forEach((r, uid) => {
    if (!r) return;
    weights.set(revealed.weights.subarray(uid * n, (uid + 1) * n), uid * n);
    lastUpdate[uid] = Number(revealBlock);
  });
  const losses = new Float64Array(n).fill(Number.NaN);
  if (scored !== null) {
    for (const [i, m] of miners.entries()) losses[m.uid] = scored.losses[i];
  }
  const input = {
    n,
    stake: stakeOverride ?? Float64Array.from(stakes, toTokens),
    weights,
    lastUpdate,
    registeredAt: Float64Array.from(registeredAt, Number),
    block: Number(revealBlock),
    losses,
  };
  const { output, state: next } = ctx.mechanism.epoch(input, state.mechanismState);
  // Where the mechanism's shares enter the engine: whole vectors checked before anything is paid.
  checkMechanismOutput(output, n, `mechanism ${ctx.mechanism.name}`);
  return { output, mechanismState: next, weights, lastUpdate };
}
