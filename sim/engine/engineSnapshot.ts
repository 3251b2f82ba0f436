import type { AnswerDigestRow } from "../run/answerDigests.ts";
import type { RunTables } from "../run/runTables.ts";
import type { OutcomeRow } from "../run/runTablesToCsv.ts";
import type { Population } from "./buildPopulation.ts";
import type { BuiltinBooks } from "./checkBuiltinInvariants.ts";
import type { EpochState } from "./epochState.ts";
import type { RegistrationState } from "./registrationDriver.ts";

/**
 * The engine's whole state between two epochs: enough, with the scenario, to run the epochs after
 * `epoch` exactly as an uninterrupted run would. Plain, structured-cloneable values only (typed
 * arrays, bigints, maps as entry lists). What is not here is rebuilt, not stored: the population and
 * its models (deterministic from the scenario and seed), the task and its data (the root RNG stream
 * is drawn from only while they are built, which a resume replays), and every RNG stream the epochs
 * draw from (each is forked by label at its epoch, `epoch-<e>`, so it has no position to keep).
 */
export interface EngineSnapshot {
  /** The last finished epoch: the run continues at `epoch + 1`. */
  epoch: number;
  /** What carries between epochs: mechanism state (bonds, ...), weights in force, pending commits
   * and batches, last answers, cumulative rewards. */
  state: EpochState;
  /** The protocol's state (`ProtocolSession.saveState`). */
  protocol: unknown;
  registration: RegistrationState;
  books: BuiltinBooks;
  /** Each agent's strategy state, by slot (undefined: its strategy carries nothing). */
  strategies: unknown[];
}

/** Where a resumed run starts: a snapshot and the rows of the epochs up to it (genesis included). */
export interface ResumePoint {
  snapshot: EngineSnapshot;
  tables: Pick<RunTables, "epochs" | "agentEpochs" | "timings">;
  outcomes: OutcomeRow[];
  digests: AnswerDigestRow[];
  /** Slots a fork added (past the parent's): funded with their genesis allocation once the state is
   * loaded, then registered at their joinEpoch like any joiner. */
  joiners?: number[];
}

/** Each agent's strategy state, by slot. */
export function saveStrategies(population: Population): unknown[] {
  const states = new Array<unknown>(population.n).fill(undefined);
  for (const v of population.validators) states[v.slot] = v.strategy.saveState?.();
  for (const m of population.miners) states[m.slot] = m.strategy.saveState?.();
  return states;
}

/** Puts each agent's saved strategy state back (strategies freshly built from the same scenario). */
export function loadStrategies(population: Population, states: readonly unknown[]): void {
  for (const v of population.validators)
    if (states[v.slot] !== undefined) v.strategy.loadState?.(states[v.slot]);
  for (const m of population.miners) if (states[m.slot] !== undefined) m.strategy.loadState?.(states[m.slot]);
}

/** An n×n matrix in a checkpoint: its size and only the rows that hold a non-zero entry. */
interface PackedRows {
  kind: "weight-rows";
  n: number;
  rows: [uid: number, row: Float64Array][];
}

/** The public weights are the engine's weights (the same array) unless the UIDs changed since. */
const SAME_AS_WEIGHTS = "same-as-state.weights";

function packRows(matrix: Float64Array, n: number): PackedRows {
  const rows: PackedRows["rows"] = [];
  for (let i = 0; i < n; i++) {
    const row = matrix.subarray(i * n, (i + 1) * n);
    if (row.some((x) => x !== 0)) rows.push([i, row.slice()]);
  }
  return { kind: "weight-rows", n, rows };
}

function unpackRows(packed: PackedRows): Float64Array {
  const matrix = new Float64Array(packed.n * packed.n);
  for (const [i, row] of packed.rows) matrix.set(row, i * packed.n);
  return matrix;
}

const isPacked = (x: unknown): x is PackedRows => (x as Partial<PackedRows> | null)?.kind === "weight-rows";

/**
 * The snapshot as a checkpoint stores it: the n×n weights in force, and the public copy agents read,
 * as their non-zero rows (only validators that revealed hold any), so that 10,000 UIDs do not
 * write two 800 MB matrices of zeros. Exact; a copy where it differs (the engine's state is not
 * touched).
 */
export function packSnapshot(snapshot: EngineSnapshot): EngineSnapshot {
  const { weights, publicState } = snapshot.state;
  const n = Math.round(Math.sqrt(weights.length));
  if (n * n !== weights.length) return snapshot;
  const pw = publicState.weights;
  const publicWeights =
    pw === undefined
      ? undefined
      : { n: pw.n, rows: pw.rows === weights ? SAME_AS_WEIGHTS : packRows(pw.rows, pw.n) };
  return {
    ...snapshot,
    state: {
      ...snapshot.state,
      weights: packRows(weights, n) as unknown as Float64Array,
      publicState: {
        ...publicState,
        ...(publicWeights === undefined ? {} : { weights: publicWeights as unknown as typeof pw }),
      },
    },
  };
}

/** What `packSnapshot` stored, back as the engine holds it (a dense snapshot passes unchanged). */
export function unpackSnapshot(snapshot: EngineSnapshot): EngineSnapshot {
  const packed: unknown = snapshot.state.weights;
  if (!isPacked(packed)) return snapshot;
  const weights = unpackRows(packed);
  const pw = snapshot.state.publicState.weights as { n: number; rows: unknown } | undefined;
  const publicWeights =
    pw === undefined
      ? undefined
      : { n: pw.n, rows: pw.rows === SAME_AS_WEIGHTS ? weights : unpackRows(pw.rows as PackedRows) };
  return {
    ...snapshot,
    state: {
      ...snapshot.state,
      weights,
      publicState: {
        ...snapshot.state.publicState,
        ...(publicWeights === undefined ? {} : { weights: publicWeights }),
      },
    },
  };
}
