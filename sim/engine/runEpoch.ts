import type { Address } from "viem";
import { drawSalt } from "../chain/commitHash.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Mechanism } from "../mechanisms/mechanism.ts";
import type { Rng } from "../rng/createRng.ts";
import type { AgentEpochRow, EpochRow, Phase, PhaseTimingRow } from "../run/runTables.ts";
import type { SubnetTask } from "../tasks/subnetTask.ts";
import { agentEpochRows } from "./agentEpochRows.ts";
import { alignScores } from "./alignScores.ts";
import { type AnsweredBatch, answerQueries } from "./answerQueries.ts";
import type { Population } from "./buildPopulation.ts";
import { copyWeightRows } from "./copyWeightRows.ts";
import { type EpochState, takeDueCommits } from "./epochState.ts";
import type { CallRecord, ProtocolSession, WeightSubmission } from "./protocolSession.ts";
import { maskUnqueried, scoreAnswers } from "./scoreAnswers.ts";
import { revealPayloads, runSlashing, type SlashingConfig } from "./slashingPhase.ts";
import { splitEmission } from "./splitEmission.ts";
import { postTaskBatches, settleTaskFees, type TaskMarketConfig } from "./taskMarketPhase.ts";
import { toTokens } from "./tokenUnits.ts";

export { type EpochState, initialEpochState, type PendingCommit, takeDueCommits } from "./epochState.ts";

/** What one epoch needs; built once by `runScenario`. */
export interface EpochContext {
  population: Population;
  session: ProtocolSession;
  task: SubnetTask;
  /** THE inference call: all miners answer the concatenated query batch, [miners × queries × outputs]
   * (asynchronous on webgpu, which reads results back asynchronously). */
  infer(queries: Float32Array, nQueries: number): Float32Array | Promise<Float32Array>;
  addressOf: readonly Address[];
  mechanism: Mechanism<unknown>;
  /** What the direct path pays the agents each epoch: the emission less the owner's cut. */
  emissionWei: bigint;
  /** The scenario's emission split (owner: the subnet owner's cut, not an agent; default 0). */
  split: { owner?: number; miners: number; validators: number };
  /**
   * How emission is paid: `direct` (default) pays the engine's exact split of `emissionWei`;
   * `contract` pays through Emission.distribute with the subnet's split (which must equal `split`),
   * validator take liquid and the rest compounded into stake, and an agent's reward is its change of
   * balance plus stake.
   */
  emissionPath?: "direct" | "contract";
  rng: Rng;
  /** The task market (users escrow fees for each epoch's tasks); none when absent or without users. */
  market?: TaskMarketConfig;
  /** Slashing: the watcher's mismatch proofs and the owner's miner flags; none when absent. */
  slashing?: SlashingConfig;
  /** Monotonic clock for phase timings (never feeds a result). */
  now(): number;
}

export interface EpochResult {
  epochRow: EpochRow;
  agentRows: AgentEpochRow[];
  timings: PhaseTimingRow[];
  outcomes: (CallRecord & { epoch: number; phase: Phase })[];
  state: EpochState;
  /** This epoch's queries and what each miner holding a UID submitted (e.g. for answer digests). */
  answered: AnsweredBatch;
}

/**
 * One epoch of the pipeline (DESIGN.md): tasks → inference → scoring → commit → reveal → mechanism
 * → emission → metrics rows. Validators and miners act through their strategies with their own RNG
 * streams; the chain settles what they intend; the mechanism reads what the chain holds.
 */
export async function runEpoch(ctx: EpochContext, epoch: number, state: EpochState): Promise<EpochResult> {
  const { population, session, task } = ctx;
  const { validators, miners, n } = population;
  const timings: PhaseTimingRow[] = [];
  const outcomes: EpochResult["outcomes"] = [];
  let gasUsed = 0n;
  let transactions = 0;
  const rng = ctx.rng.fork(`epoch-${epoch}`);

  async function timed<T>(phase: Phase, work: () => Promise<T> | T): Promise<T> {
    const t0 = ctx.now();
    const result = await work();
    timings.push({ epoch, phase, ms: Math.round((ctx.now() - t0) * 1000) / 1000 });
    return result;
  }
  function record(phase: Phase, result: { outcomes: CallRecord[]; gasUsed: bigint }) {
    gasUsed += result.gasUsed;
    transactions += result.outcomes.length;
    for (const o of result.outcomes) outcomes.push({ ...o, epoch, phase });
  }

  // 1-2. Tasks: the epoch opens on-chain; each validator picks its tasks from the pool (and, when
  // the scenario limits it, which miners it queries).
  const { perValidator, minerSubsets, escrowedWei } = await timed("tasks", async () => {
    record("tasks", await session.openEpoch(epoch));
    const perValidator = validators.map((v) =>
      v.strategy.chooseQueries({
        epoch,
        rng: rng.fork(v.agent),
        poolSize: task.poolSize,
        count: v.queriesPerEpoch,
      }),
    );
    const minerSubsets = validators.map((v) =>
      v.minersPerEpoch === "all" || v.strategy.chooseMiners === undefined
        ? null
        : v.strategy.chooseMiners({
            epoch,
            rng: rng.fork(`${v.agent}:miners`),
            minerCount: miners.length,
            count: v.minersPerEpoch,
          }),
    );
    // The queries validators send are the users' tasks: each user escrows its batch's fee.
    const posted = await postTaskBatches(session, ctx.market, epoch, perValidator.flat().length);
    if (posted.result !== null) record("tasks", posted.result);
    return { perValidator, minerSubsets, escrowedWei: posted.escrowedWei };
  });

  // 3. Miners answer: one inference-adapter call for every miner, then each miner's strategy.
  const answered = await timed("inference", () =>
    answerQueries(
      task,
      ctx.infer,
      miners,
      {
        epoch,
        indices: perValidator.flat(),
        queryCounts: perValidator.map((q) => q.length),
        minerSubsets,
        validatorSlots: validators.map((v) => v.slot),
      },
      { rng, previous: state.lastAnswers, publicState: state.publicState },
    ),
  );

  // 4. Validators score the batch whose truth is known now, and decide their weights.
  const pending = [...state.pending, answered];
  const due = pending.filter((b) => b.epoch + task.truthDelay <= epoch);
  const stillPending = pending.filter((b) => b.epoch + task.truthDelay > epoch);
  const scoredBatch = due.at(-1);
  const { scored, submissions } = await timed("scoring", () => {
    const batchScored =
      scoredBatch === undefined
        ? null
        : scoreAnswers(
            scoredBatch.answers,
            task.truth(scoredBatch.epoch, scoredBatch.indices, epoch),
            scoredBatch.queryCounts,
            task.outputs,
            task,
          );
    if (batchScored !== null) maskUnqueried(batchScored.scores, scoredBatch?.minerSubsets ?? []);
    // In this epoch's order: UIDs may have changed hands since the batch was answered.
    const scored =
      batchScored === null || scoredBatch === undefined
        ? null
        : alignScores(batchScored, scoredBatch, population);
    const minerUids = miners.map((m) => m.uid);
    const submissions: WeightSubmission[] = [];
    validators.forEach((v, k) => {
      const vector = v.strategy.weigh({
        epoch,
        rng: rng.fork(v.agent),
        scores: scored === null ? null : scored.scores[k],
        minerUids,
        publicState: state.publicState,
      });
      if (vector === null) return;
      submissions.push({
        agent: v.agent,
        address: ctx.addressOf[v.uid],
        ...vector,
        salt: drawSalt(rng.fork(`salt-${v.agent}`)),
      });
    });
    return { scored, submissions };
  });

  // 5. Commit, then reveal in a later block what was committed `revealDelayEpochs` epochs ago
  // (this epoch's own commits when the delay is 0).
  record("commit", await timed("commit", () => session.commitWeights(epoch, submissions)));
  const revealEpoch = epoch - session.revealDelayEpochs;
  const { due: dueCommits, waiting: waitingCommits } = takeDueCommits(
    [...state.pendingCommits, { epoch, submissions }],
    revealEpoch,
  );
  // Each validator reveals what it committed, unless its strategy switches rows (an equivocator).
  const revealed = revealPayloads(population, dueCommits, {
    epoch,
    commitEpoch: revealEpoch,
    rng,
    publicState: state.publicState,
  });
  const reveal = await timed("reveal", () => session.revealWeights(revealEpoch, revealed));
  record("reveal", reveal);

  // 6. The mechanism reads what the chain holds: stake and revealed weights.
  const { output, mechanismState, weights, lastUpdate } = await timed("mechanism", async () => {
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
      lastUpdate[uid] = Number(reveal.block);
    });
    const losses = new Float64Array(n).fill(Number.NaN);
    if (scored !== null) {
      for (const [i, m] of miners.entries()) losses[m.uid] = scored.losses[i];
    }
    const input = {
      n,
      stake: Float64Array.from(stakes, toTokens),
      weights,
      lastUpdate,
      registeredAt: Float64Array.from(registeredAt, Number),
      block: Number(reveal.block),
      losses,
    };
    const { output, state: next } = ctx.mechanism.epoch(input, state.mechanismState);
    return { output, mechanismState: next, weights, lastUpdate };
  });

  // 7. Emission: minted and paid on-chain; what each agent received is read back from the chain.
  const paidWei = await timed("emission", async () => {
    if (ctx.emissionPath === "contract") {
      checkContractSplit(session, ctx.split);
      const [balances, stakes] = await Promise.all([
        session.readBalances(ctx.addressOf),
        session.readStakes(),
      ]);
      record("emission", await session.distributeEmission(epoch, output.incentive, output.dividends));
      const [balancesAfter, stakesAfter] = await Promise.all([
        session.readBalances(ctx.addressOf),
        session.readStakes(),
      ]);
      return balancesAfter.map(
        (b, uid) => b - balances[uid] + (stakesAfter[uid] ?? 0n) - (stakes[uid] ?? 0n),
      );
    }
    const amounts = splitEmission(ctx.emissionWei, output.incentive, output.dividends, ctx.split);
    const before = await session.readBalances(ctx.addressOf);
    const payees = amounts.flatMap((a, uid) => (a > 0n ? [uid] : []));
    if (payees.length > 0) {
      const recipients = payees.map((uid) => ctx.addressOf[uid]);
      record(
        "emission",
        await session.payEpoch(
          epoch,
          recipients,
          payees.map((uid) => amounts[uid]),
        ),
      );
    }
    const after = await session.readBalances(ctx.addressOf);
    return after.map((b, i) => b - before[i]);
  });
  // The epoch's task fees: released with the payout, or refunded when the epoch failed; what each
  // agent received is kept apart from its emission reward.
  const market = await timed("emission", async () => {
    const settled = await settleTaskFees(
      session,
      ctx.market,
      epoch,
      reveal.block + 1n,
      ctx.addressOf,
      escrowedWei,
    );
    if (settled.result !== null) record("emission", settled.result);
    return settled.fees;
  });
  const rewardWei = paidWei.map((p, uid) => p - market.feesWei[uid]);
  // 8. Slashing (one block, only when there is something to slash): the watcher's proofs against this
  // epoch's reveals and the owner's flags; slashed stake is burned.
  const slashing =
    ctx.slashing === undefined
      ? { result: null, slashedWei: rewardWei.map(() => 0n) }
      : await timed("slashing", () =>
          runSlashing(session, ctx.slashing, {
            population,
            revealEpoch,
            reveals: revealed,
            rng: rng.fork("slashing"),
          }),
        );
  if (slashing.result !== null) record("slashing", slashing.result);
  const [stakesAfter, supply] = await Promise.all([session.readStakes(), session.readTotalSupply()]);

  // 9. Metrics rows.
  const cumulative = state.cumulative.slice();
  const agentRows = agentEpochRows(
    population,
    epoch,
    output,
    scored?.scores ?? null,
    { rewardWei, feesWei: market.feesWei, slashedWei: slashing.slashedWei },
    stakesAfter,
    cumulative,
  );
  const emissionWei = rewardWei.reduce((s, x) => s + x, 0n);
  const epochRow: EpochRow = {
    epoch,
    block: Number(reveal.block),
    emissionWei: emissionWei.toString(),
    emission: toTokens(emissionWei),
    supply: toTokens(supply),
    inferences: answered.indices.length * miners.length,
    transactions,
    reverted: outcomes.filter((o) => o.status === "reverted").length,
    gasUsed: Number(gasUsed),
    reveals: reveal.outcomes.filter((o) => o.status === "success").length,
    feesEscrowed: toTokens(market.escrowedWei),
    feesReleased: toTokens(market.releasedWei),
    feesRefunded: toTokens(market.refundedWei),
    slashed: toTokens(slashing.slashedWei.reduce((s, x) => s + x, 0n)),
  };
  return {
    epochRow,
    agentRows,
    timings,
    outcomes,
    answered,
    state: {
      mechanismState,
      cumulative,
      weights,
      lastUpdate,
      pending: stillPending,
      lastAnswers: answered.answersByModel,
      publicState: { incentive: output.incentive, consensus: output.consensus },
      pendingCommits: waitingCommits,
    },
  };
}

/** The contract path pays with the subnet's split: refuse to run when it is not the scenario's. */
function checkContractSplit(session: ProtocolSession, split: EpochContext["split"]): void {
  const bps = session.emissionSplitBps;
  const owner = Math.round((split.owner ?? 0) * 10_000);
  const miners = Math.round(split.miners * 10_000);
  if (bps.owner !== owner || bps.miners !== miners || bps.validators !== 10_000 - owner - miners) {
    throw new CrucibleError(
      "CRUCIBLE_CHAIN_FAILED",
      `emissionPath contract: the subnet splits owner/miners/validators ${bps.owner}/${bps.miners}/${bps.validators} bps, ` +
        `the scenario ${owner}/${miners}/${10_000 - owner - miners}; start the session with subnet: emissionSplitBps(scenario.emissionSplit)`,
    );
  }
}
