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
