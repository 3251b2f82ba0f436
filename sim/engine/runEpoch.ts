import { type Address, formatUnits } from "viem";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Mechanism, MechanismOutput } from "../mechanisms/mechanism.ts";
import type { PublicState } from "../population/agentTypes.ts";
import type { Rng } from "../rng/createRng.ts";
import type { AgentEpochRow, EpochRow, Phase, PhaseTimingRow } from "../run/runTables.ts";
import type { SubnetTask } from "../tasks/subnetTask.ts";
import { type AnsweredBatch, answerQueries } from "./answerQueries.ts";
import type { Population } from "./buildPopulation.ts";
import type { CallRecord, ProtocolSession, WeightSubmission } from "./protocolSession.ts";
import { scoreAnswers } from "./scoreAnswers.ts";
import { splitEmission } from "./splitEmission.ts";

/** What one epoch needs; built once by `runScenario`. */
export interface EpochContext {
  population: Population;
  session: ProtocolSession;
  task: SubnetTask;
  /** THE inference call: all miners answer the concatenated query batch, [miners × queries × outputs]. */
  infer(queries: Float32Array, nQueries: number): Float32Array;
  addressOf: readonly Address[];
  mechanism: Mechanism<unknown>;
  emissionWei: bigint;
  split: { miners: number; validators: number };
  /**
   * How emission is paid: `direct` (default) pays the engine's exact split of `emissionWei`;
   * `contract` pays through Emission.distribute with the subnet's split (which must equal `split`),
   * validator take liquid and the rest compounded into stake, and an agent's reward is its change of
   * balance plus stake.
   */
  emissionPath?: "direct" | "contract";
  rng: Rng;
  /** Monotonic clock for phase timings (never feeds a result). */
  now(): number;
}

export interface EpochState {
  mechanismState: unknown;
  cumulative: Float64Array;
  /**
   * The weights in force, n×n u16: as on the chain, a validator's row persists until it reveals a
   * new one; `lastUpdate` is the block of each UID's latest accepted reveal (0: never).
   */
  weights: Float64Array;
  lastUpdate: Float64Array;
  /** Answered batches whose truth has not arrived yet (tasks with a truth delay). */
  pending: AnsweredBatch[];
  /** What each miner submitted last epoch. */
  lastAnswers: (Float32Array | undefined)[];
  publicState: PublicState;
  /**
   * Weight submissions committed but not revealed yet, by commit epoch (oldest first): with a
   * reveal delay d, the submissions committed at epoch e are revealed, same salt, at epoch e + d.
   */
  pendingCommits: PendingCommit[];
}

export interface PendingCommit {
  epoch: number;
  submissions: WeightSubmission[];
}

export function initialEpochState(population: Population, mechanismState: unknown): EpochState {
  const { n, miners } = population;
  return {
    mechanismState,
    cumulative: new Float64Array(n),
    weights: new Float64Array(n * n),
    lastUpdate: new Float64Array(n),
    pending: [],
    lastAnswers: miners.map(() => undefined),
    publicState: { incentive: null, consensus: null },
    pendingCommits: [],
  };
}

export interface EpochResult {
  epochRow: EpochRow;
  agentRows: AgentEpochRow[];
  timings: PhaseTimingRow[];
  outcomes: (CallRecord & { epoch: number; phase: Phase })[];
  state: EpochState;
}

const TOKEN_DECIMALS = 18;
const toTokens = (wei: bigint) => Number(formatUnits(wei, TOKEN_DECIMALS));

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
  const { perValidator, minerSubsets } = await timed("tasks", async () => {
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
    return { perValidator, minerSubsets };
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
    const scored =
      scoredBatch === undefined
        ? null
        : scoreAnswers(
            scoredBatch.answers,
            task.truth(scoredBatch.epoch, scoredBatch.indices, epoch),
            scoredBatch.queryCounts,
            task.outputs,
            task,
          );
    if (scored !== null) maskUnqueried(scored.scores, scoredBatch?.minerSubsets ?? []);
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
  const reveal = await timed("reveal", () => session.revealWeights(revealEpoch, dueCommits));
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
    const weights = state.weights.slice();
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
  const [stakesAfter, supply] = await Promise.all([session.readStakes(), session.readTotalSupply()]);

  // 8. Metrics rows.
  const cumulative = state.cumulative.slice();
  const agentRows = agentEpochRows(
    population,
    epoch,
    output,
    scored?.scores ?? null,
    paidWei,
    stakesAfter,
    cumulative,
  );
  const emissionWei = paidWei.reduce((s, x) => s + x, 0n);
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
  };
  return {
    epochRow,
    agentRows,
    timings,
    outcomes,
    state: {
      mechanismState,
      cumulative,
      weights,
      lastUpdate,
      pending: stillPending,
      lastAnswers: answered.answers,
      publicState: { incentive: output.incentive, consensus: output.consensus },
      pendingCommits: waitingCommits,
    },
  };
}

function agentEpochRows(
  population: Population,
  epoch: number,
  output: MechanismOutput,
  scores: Float64Array[] | null,
  paidWei: readonly bigint[],
  stakes: readonly bigint[],
  cumulative: Float64Array,
): AgentEpochRow[] {
  const { validators, miners } = population;
  const row = (uid: number, agent: string, role: "miner" | "validator", score: number): AgentEpochRow => {
    const reward = toTokens(paidWei[uid]);
    cumulative[uid] += reward;
    return {
      epoch,
      uid,
      agent,
      role,
      score,
      incentive: output.incentive[uid],
      dividends: output.dividends[uid],
      reward,
      cumulativeReward: cumulative[uid],
      stake: toTokens(stakes[uid]),
    };
  };
  return [
    ...validators.map((v, k) =>
      row(v.uid, v.agent, "validator", scores === null ? Number.NaN : mean(scores[k])),
    ),
    ...miners.map((m, i) =>
      row(m.uid, m.agent, "miner", scores === null ? Number.NaN : mean(scores.map((s) => s[i]))),
    ),
  ];
}

/** The contract path pays with the subnet's split: refuse to run when it is not the scenario's. */
function checkContractSplit(session: ProtocolSession, split: { miners: number; validators: number }): void {
  const bps = session.emissionSplitBps;
  const miners = Math.round(split.miners * 10_000);
  if (bps.owner !== 0 || bps.miners !== miners || bps.validators !== 10_000 - miners) {
    throw new CrucibleError(
      "CRUCIBLE_CHAIN_FAILED",
      `emissionPath contract: the subnet splits owner/miners/validators ${bps.owner}/${bps.miners}/${bps.validators} bps, ` +
        `the scenario ${0}/${miners}/${10_000 - miners}; start the session with subnet: emissionSplitBps(scenario.emissionSplit)`,
    );
  }
}

/** Splits pending commits into those of `revealEpoch` (revealed now) and later ones; older ones
 * (their reveal window passed) are dropped. */
export function takeDueCommits(
  pending: readonly PendingCommit[],
  revealEpoch: number,
): { due: WeightSubmission[]; waiting: PendingCommit[] } {
  return {
    due: pending.filter((p) => p.epoch === revealEpoch).flatMap((p) => p.submissions),
    waiting: pending.filter((p) => p.epoch > revealEpoch),
  };
}

/** Mean of the numbers that are not NaN (miners a validator did not query); NaN if there are none. */
function mean(xs: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    if (Number.isNaN(xs[i])) continue;
    s += xs[i];
    n++;
  }
  return n > 0 ? s / n : Number.NaN;
}

/** A validator's score of a miner it did not query is NaN, not the 0 of an empty slice. */
function maskUnqueried(scores: Float64Array[], subsets: readonly (number[] | null)[]): void {
  subsets.forEach((subset, v) => {
    if (subset === null) return;
    const queried = new Set(subset);
    for (let m = 0; m < scores[v].length; m++) if (!queried.has(m)) scores[v][m] = Number.NaN;
  });
}

function drawSalt(rng: Rng): `0x${string}` {
  let hex = "";
  for (let i = 0; i < 8; i++) hex += rng.int(0, 0xffffffff).toString(16).padStart(8, "0");
  return `0x${hex}`;
}
