import type { CallRecord } from "../protocol/protocolSession.ts";
import type { IdentityRow, TransactionRow } from "./columnDocs.ts";
import { DATA_MARKET_TABLE_FILES, DATA_MARKET_TABLE_KEYS } from "./dataMarketTables.ts";
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

/** transactions.csv's columns, in write order. */
export const TRANSACTION_COLUMNS = [
  "epoch",
  "phase",
  "agent",
  "functionName",
  "status",
  "error",
  "gasUsed",
] as const satisfies readonly (keyof TransactionRow)[];

export function transactionRows(outcomes: readonly OutcomeRow[]): TransactionRow[] {
  return outcomes.map((o) => ({
    epoch: o.epoch,
    phase: o.phase,
    agent: o.agent,
    functionName: o.functionName,
    status: o.status,
    error: o.error ?? "",
    gasUsed: o.gasUsed === null ? null : Number(o.gasUsed),
  }));
}

/**
 * The run's tables as CSV text, by file name. The first four are the results: deterministic for a
 * scenario and seed, and hashed into the manifest. `timings.csv` holds wall-clock times and is not.
 * With `identity`, every table leads with the run's identity columns (run_id, scenario, seed), so
 * the tables of many runs concatenate; the results hash is always taken without them (`results`
 * without identity), so it depends on the simulation only, not on when the run started.
 */
export function runTablesToCsv(tables: RunTables, outcomes: readonly OutcomeRow[], identity?: IdentityRow) {
  const f = RUN_TABLE_FILES;
  const files = (lead: Readonly<Record<string, unknown>>): [string, string][] => [
    [f.epochs.file, toCsv(tables.epochs, columnNames(f.epochs.columns), lead)],
    [f.agentEpochs.file, toCsv(tables.agentEpochs, columnNames(f.agentEpochs.columns), lead)],
    [f.agents.file, toCsv(tables.agents, columnNames(f.agents.columns), lead)],
    ["transactions.csv", toCsv(transactionRows(outcomes), TRANSACTION_COLUMNS, lead)],
    // Only when present: runs without operators or adaptive agents keep their results hash.
    ...(tables.operators !== undefined && tables.operators.length > 0
      ? [
          [f.operators.file, toCsv(tables.operators, columnNames(f.operators.columns), lead)] as [
            string,
            string,
          ],
        ]
      : []),
    ...(tables.choices !== undefined && tables.choices.length > 0
      ? [[f.choices.file, toCsv(tables.choices, columnNames(f.choices.columns), lead)] as [string, string]]
      : []),
    ...DATA_MARKET_TABLE_KEYS.flatMap((key): [string, string][] => {
      const rows = tables[key];
      const t = DATA_MARKET_TABLE_FILES[key];
      return rows === undefined
        ? []
        : [[t.file, toCsv(rows as object[], Object.keys(t.columns) as never, lead)]];
    }),
    ...(tables.governance !== undefined && tables.governance.length > 0
      ? [
          [f.governance.file, toCsv(tables.governance, columnNames(f.governance.columns), lead)] as [
            string,
            string,
          ],
        ]
      : []),
    ...(tables.stakeMoves !== undefined
      ? [
          [f.stakeMoves.file, toCsv(tables.stakeMoves, columnNames(f.stakeMoves.columns), lead)] as [
            string,
            string,
          ],
        ]
      : []),
    ...(tables.delegators !== undefined
      ? [
          [f.delegators.file, toCsv(tables.delegators, columnNames(f.delegators.columns), lead)] as [
            string,
            string,
          ],
        ]
      : []),
    ...(tables.participation !== undefined
      ? [
          [f.participation.file, toCsv(tables.participation, columnNames(f.participation.columns), lead)] as [
            string,
            string,
          ],
        ]
      : []),
  ];
  const lead: Record<string, unknown> = { ...identity };
  const results = files({});
  const written = identity === undefined ? results : files(lead);
  const timings: [string, string] = [
    f.timings.file,
    toCsv(tables.timings, columnNames(f.timings.columns), lead),
  ];
  return { results, written, timings };
}
