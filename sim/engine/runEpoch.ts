import { type Address, formatUnits } from "viem";
import type { Mechanism } from "../mechanisms/mechanism.ts";
import type { WeightVector } from "../population/agentTypes.ts";
import type { Rng } from "../rng/createRng.ts";
import type { AgentEpochRow, EpochRow, Phase, PhaseTimingRow } from "../run/runTables.ts";
import type { Population } from "./buildPopulation.ts";
import type { CallRecord, ProtocolSession, WeightSubmission } from "./protocolSession.ts";
import { scoreAnswers } from "./scoreAnswers.ts";
import { splitEmission } from "./splitEmission.ts";

/** What one epoch needs; built once by `runScenario`. */
export interface EpochContext {
  population: Population;
  session: ProtocolSession;
  /** THE inference call: all miners answer the concatenated query batch, [miners × queries × classes]. */
  infer(queries: Float32Array, nQueries: number): Float32Array;
  queryPool: { x: Float32Array; y: Uint8Array; size: number; features: number; classes: number };
  addressOf: readonly Address[];
  mechanism: Mechanism<unknown>;
  emissionWei: bigint;
  split: { miners: number; validators: number };
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
}

export function initialEpochState(n: number, mechanismState: unknown): EpochState {
  return {
    mechanismState,
    cumulative: new Float64Array(n),
    weights: new Float64Array(n * n),
    lastUpdate: new Float64Array(n),
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
 * → emission → metrics row. Validators and miners act through their strategies with their own RNG
 * streams; the chain settles what they intend.
 */
export async function runEpoch(ctx: EpochContext, epoch: number, state: EpochState): Promise<EpochResult> {
  const { population, session, queryPool } = ctx;
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

  // 1-2. Tasks: the epoch opens on-chain; each validator picks its tasks from the pool.
  const queryIndices = await timed("tasks", async () => {
    record("tasks", await session.openEpoch(epoch));
    return validators.map((v) =>
      v.strategy.chooseQueries({
        epoch,
        rng: rng.fork(v.agent),
        poolSize: queryPool.size,
        count: v.queriesPerEpoch,
      }),
    );
  });
  const allQueries = queryIndices.flat();
  const nQueries = allQueries.length;

  // 3. Miners answer: one inference-adapter call for every miner, then each miner's strategy.
  const answers = await timed("inference", () => {
    const f = queryPool.features;
    const batch = new Float32Array(nQueries * f);
    allQueries.forEach((q, row) => {
      batch.set(queryPool.x.subarray(q * f, (q + 1) * f), row * f);
    });
    const out = ctx.infer(batch, nQueries);
    const per = nQueries * queryPool.classes;
    return miners.map((m, i) =>
      m.strategy.answer({
        epoch,
        rng: rng.fork(m.agent),
        own: out.subarray(i * per, (i + 1) * per),
        classes: queryPool.classes,
      }),
    );
  });

  // 4. Validators score the answers and decide their weights.
  const { scores, submissions } = await timed("scoring", () => {
    const labels = Uint8Array.from(allQueries, (q) => queryPool.y[q]);
    const scores = scoreAnswers(
      answers,
      labels,
      validators.map((v) => v.queriesPerEpoch),
      queryPool.classes,
    );
    const minerUids = miners.map((m) => m.uid);
    const submissions: WeightSubmission[] = [];
    validators.forEach((v, k) => {
      const vector: WeightVector | null = v.strategy.weigh({
        epoch,
        rng: rng.fork(v.agent),
        scores: scores[k],
        minerUids,
      });
      if (vector === null) return;
      submissions.push({
        agent: v.agent,
        address: ctx.addressOf[v.uid],
        ...vector,
        salt: drawSalt(rng.fork(`salt-${v.agent}`)),
      });
    });
    return { scores, submissions };
  });

  // 5. Commit, then reveal in a later block.
  record("commit", await timed("commit", () => session.commitWeights(epoch, submissions)));
  const reveal = await timed("reveal", () => session.revealWeights(epoch, submissions));
  record("reveal", reveal);

  // 6. The mechanism reads what the chain holds: stake and revealed weights.
  const { output, mechanismState, weights, lastUpdate } = await timed("mechanism", async () => {
    const [stakes, revealed, registeredAt] = await Promise.all([
      session.readStakes(),
      session.readRevealedWeights(epoch, n),
      session.readRegisteredAt(),
    ]);
    const weights = state.weights.slice();
    const lastUpdate = state.lastUpdate.slice();
    revealed.revealed.forEach((r, uid) => {
      if (!r) return;
      weights.set(revealed.weights.subarray(uid * n, (uid + 1) * n), uid * n);
      lastUpdate[uid] = Number(reveal.block);
    });
    const input = {
      n,
      stake: Float64Array.from(stakes, toTokens),
      weights,
      lastUpdate,
      registeredAt: Float64Array.from(registeredAt, Number),
      block: Number(reveal.block),
    };
    const { output, state: next } = ctx.mechanism.epoch(input, state.mechanismState);
    return { output, mechanismState: next, weights, lastUpdate };
  });

  // 7. Emission: minted and paid on-chain; what each agent received is read back from the chain.
  const amounts = splitEmission(ctx.emissionWei, output.incentive, output.dividends, ctx.split);
  const paidWei = await timed("emission", async () => {
    const before = await session.readBalances(ctx.addressOf);
    const payees = amounts.flatMap((a, uid) => (a > 0n ? [uid] : []));
    if (payees.length > 0) {
      record(
        "emission",
        await session.payEpoch(
          epoch,
          payees.map((uid) => ctx.addressOf[uid]),
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
  const agentRows: AgentEpochRow[] = [];
  const roles = [
    ...validators.map((v) => ({ ...v, role: "validator" as const })),
    ...miners.map((m) => ({ ...m, role: "miner" as const })),
  ];
  for (const a of roles) {
    const reward = toTokens(paidWei[a.uid]);
    cumulative[a.uid] += reward;
    const vIndex = a.role === "validator" ? a.uid : -1;
    const mIndex = a.role === "miner" ? a.uid - validators.length : -1;
    agentRows.push({
      epoch,
      uid: a.uid,
      agent: a.agent,
      role: a.role,
      score: vIndex >= 0 ? mean(scores[vIndex]) : mean(scores.map((s) => s[mIndex])),
      incentive: output.incentive[a.uid],
      dividends: output.dividends[a.uid],
      reward,
      cumulativeReward: cumulative[a.uid],
      stake: toTokens(stakesAfter[a.uid]),
    });
  }
  const emissionWei = paidWei.reduce((s, x) => s + x, 0n);
  const epochRow: EpochRow = {
    epoch,
    block: Number(reveal.block),
    emissionWei: emissionWei.toString(),
    emission: toTokens(emissionWei),
    supply: toTokens(supply),
    inferences: nQueries * miners.length,
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
    state: { mechanismState, cumulative, weights, lastUpdate },
  };
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length > 0 ? s / xs.length : 0;
}

function drawSalt(rng: Rng): `0x${string}` {
  let hex = "";
  for (let i = 0; i < 8; i++) hex += rng.int(0, 0xffffffff).toString(16).padStart(8, "0");
  return `0x${hex}`;
}
