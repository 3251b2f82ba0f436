import type { GovernedParams } from "../protocol/protocolSession.ts";
import { agentEpochRows } from "./agentEpochRows.ts";
import { answerQueries } from "./answerQueries.ts";
import { chooseEpochQueries } from "./chooseEpochQueries.ts";
import { commitAndReveal } from "./commitAndReveal.ts";
import type { EpochContext, EpochResult } from "./epochContext.ts";
import { createEpochRecorder } from "./epochRecorder.ts";
import { epochRow } from "./epochRow.ts";
import type { EpochState } from "./epochState.ts";
import { mechanismFromChain } from "./mechanismFromChain.ts";
import { payEmission } from "./payEmission.ts";
import { settleFeesAndSlash } from "./settleFeesAndSlash.ts";
import { weighScoredBatch } from "./weighScoredBatch.ts";
import { stakeByUid } from "./yumaStake.ts";

export type { EpochContext, EpochOutcome, EpochResult } from "./epochContext.ts";
export { type EpochState, initialEpochState, type PendingCommit, takeDueCommits } from "./epochState.ts";

/**
 * One epoch of the pipeline (DESIGN.md): tasks → inference → scoring → commit → reveal → mechanism
 * → emission → (slashing) → metrics rows. Validators and miners act through their strategies with
 * their own RNG streams; the chain settles what they intend; the mechanism reads what the chain holds.
 */
export async function runEpoch(ctx: EpochContext, epoch: number, state: EpochState): Promise<EpochResult> {
  const { population, session, task } = ctx;
  const { validators, miners } = population;
  const recorder = createEpochRecorder(epoch, ctx.now);
  const { timed } = recorder;
  const rng = ctx.rng.fork(`epoch-${epoch}`);

  // 1-2. Tasks: the epoch opens; validators pick their queries (and miners); users escrow the fees.
  const queries = await timed("tasks", () => chooseEpochQueries(ctx, epoch, rng, recorder));

  // 3. Miners answer: one inference-adapter call for every miner, then each miner's strategy.
  const answered = await timed("inference", () =>
    answerQueries(
      task,
      ctx.infer,
      miners,
      {
        epoch,
        indices: queries.perValidator.flat(),
        queryCounts: queries.perValidator.map((q) => q.length),
        minerSubsets: queries.minerSubsets,
        validatorSlots: validators.map((v) => v.slot),
      },
      { rng, previous: state.lastAnswers, publicState: state.publicState },
    ),
  );

  // 4. Validators score the batch whose truth is known now, and decide their weights.
  const weighing = await timed("scoring", () => weighScoredBatch(ctx, epoch, state, answered, rng));

  // 5. Commit, then reveal what was committed `revealDelayEpochs` epochs ago (timed per phase).
  const { revealEpoch, reveal, revealed, waitingCommits } = await commitAndReveal(
    ctx,
    epoch,
    state,
    weighing.submissions,
    rng,
    recorder,
  );

  // 6. The mechanism reads what the chain holds: stake and revealed weights (in a network with
  // stake feedback, the stake is each agent's alpha in this subnet, from the dTAO layer).
  const stakeOverride =
    ctx.yumaStake === undefined ? null : stakeByUid(population, await ctx.yumaStake(epoch));
  const mechanism = await timed("mechanism", () =>
    mechanismFromChain(
      ctx,
      state,
      { revealEpoch, revealBlock: reveal.block },
      weighing.scored,
      stakeOverride,
    ),
  );
  const { output } = mechanism;

  // 7. Emission: minted and paid on-chain; what each agent received is read back from the chain.
  const paidWei = await timed("emission", () => payEmission(ctx, epoch, output, recorder));
  // 8. Task fees settled (released or refunded), then slashing when the scenario has it.
  const money = await settleFeesAndSlash(
    ctx,
    epoch,
    { paidWei, escrowedWei: queries.escrowedWei, revealEpoch, revealBlock: reveal.block, revealed },
    rng,
    recorder,
  );
  // 9. Governance (only with a governance: section): proposals, votes, queueing, execution.
  const governance = ctx.governance;
  let governed: GovernedParams | null = null;
  if (governance !== undefined) {
    const rewardBySlot: bigint[] = [];
    for (const a of [...validators, ...miners]) rewardBySlot[a.slot] = money.rewardWei[a.uid] ?? 0n;
    governed = await timed("governance", () => governance.step(epoch, rewardBySlot, recorder));
  }
  // 9b. Delegation (only with a delegation: section): delegators move stake, validators set takes.
  const delegation = ctx.delegation;
  if (delegation !== undefined) {
    await timed("delegation", () => delegation.step(epoch, validators, recorder));
  }
  const [stakesAfter, supply] = await Promise.all([session.readStakes(), session.readTotalSupply()]);

  // 10. Metrics rows.
  const cumulative = state.cumulative.slice();
  const agentRows = agentEpochRows(
    population,
    epoch,
    output,
    weighing.scored?.scores ?? null,
    { rewardWei: money.rewardWei, feesWei: money.fees.feesWei, slashedWei: money.slashedWei },
    stakesAfter,
    cumulative,
    stakeOverride,
  );
  return {
    epochRow: epochRow(
      epoch,
      recorder,
      reveal,
      { ...money, supply },
      answered.indices.length * miners.length,
    ),
    agentRows,
    timings: recorder.timings,
    outcomes: recorder.outcomes,
    answered,
    rewardWei: money.rewardWei,
    slashedWei: money.slashedWei,
    revealEpoch,
    governed,
    state: {
      mechanismState: mechanism.mechanismState,
      cumulative,
      weights: mechanism.weights,
      lastUpdate: mechanism.lastUpdate,
      pending: weighing.stillPending,
      lastAnswers: answered.answersByModel,
      publicState: {
        incentive: output.incentive,
        consensus: output.consensus,
        weights: { n: population.n, rows: mechanism.weights },
      },
      pendingCommits: waitingCommits,
    },
  };
}
