import type { CallRecord } from "../protocol/protocolSession.ts";
import { columnNames, type Phase, RUN_TABLE_FILES, type RunTables } from "./runTables.ts";
import { toCsv } from "./toCsv.ts";

/** A transaction's outcome; `register`: a miner joining at the start of `epoch` (`joinEpoch`);
 * `setup`: genesis registrations and stakes (epoch -1). */
export type OutcomeRow = Omit<CallRecord, "gasUsed"> & {
  epoch: number;
  phase: Phase | "setup";
  /** null where the protocol meters no gas (the memory protocol): an empty cell. */
  gasUsed: bigint | null;
};

/**
 * The run's tables as CSV text, by file name. The first four are the results: deterministic for a
 * scenario and seed, and hashed into the manifest. `timings.csv` holds wall-clock times and is not.
 */
export function runTablesToCsv(tables: RunTables, outcomes: readonly OutcomeRow[]) {
  const f = RUN_TABLE_FILES;
  const results: [string, string][] = [
    [f.epochs.file, toCsv(tables.epochs, columnNames(f.epochs.columns))],
    [f.agentEpochs.file, toCsv(tables.agentEpochs, columnNames(f.agentEpochs.columns))],
    [f.agents.file, toCsv(tables.agents, columnNames(f.agents.columns))],
    [
      "transactions.csv",
      toCsv(
        outcomes.map((o) => ({ ...o, gasUsed: o.gasUsed?.toString() ?? "", error: o.error ?? "" })),
        ["epoch", "phase", "agent", "functionName", "status", "error", "gasUsed"],
      ),
    ],
  ];
  // Only when present: runs without operators or adaptive agents keep their results hash.
  if (tables.operators !== undefined && tables.operators.length > 0) {
    results.push([f.operators.file, toCsv(tables.operators, columnNames(f.operators.columns))]);
  }
  if (tables.choices !== undefined && tables.choices.length > 0) {
    results.push([f.choices.file, toCsv(tables.choices, columnNames(f.choices.columns))]);
  }
  const timings: [string, string] = [f.timings.file, toCsv(tables.timings, columnNames(f.timings.columns))];
  return { results, timings };
}
