import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ANSWER_DIGEST_COLUMNS, type AnswerDigestRow } from "./answerDigests.ts";
import type { IdentityRow } from "./columnDocs.ts";
import {
  type AgentEpochRow,
  columnNames,
  type EpochRow,
  type PhaseTimingRow,
  RUN_TABLE_FILES,
} from "./runTables.ts";
import { type OutcomeRow, TRANSACTION_COLUMNS, transactionRows } from "./runTablesToCsv.ts";
import { toCsv } from "./toCsv.ts";

/** The tables a run writes as it goes, epoch by epoch (the others are written at its end). */
export const STREAMED_FILES = {
  epochs: RUN_TABLE_FILES.epochs.file,
  agentEpochs: RUN_TABLE_FILES.agentEpochs.file,
  transactions: "transactions.csv",
  timings: RUN_TABLE_FILES.timings.file,
  answers: "answers.csv",
} as const;

export interface EpochRows {
  epochRow: EpochRow;
  agentRows: readonly AgentEpochRow[];
  timings: readonly PhaseTimingRow[];
  outcomes: readonly OutcomeRow[];
  digests: readonly AnswerDigestRow[];
}

/**
 * Appends each finished epoch's rows to the run's CSV files, in exactly the bytes the whole table
 * would have (`toCsv` with the run's identity columns), written to the operating system before the
 * next epoch starts: a run killed at any point (kill -9 included) keeps every epoch written so far.
 * `offsets` are the bytes of each file written so far (a checkpoint records them).
 */
export interface TableStream {
  appendGenesis(outcomes: readonly OutcomeRow[]): void;
  appendEpoch(rows: EpochRows): void;
  /** Rows of many epochs at once (a fork's, copied from its parent), genesis outcomes included. */
  appendRows(rows: {
    epochs: readonly EpochRow[];
    agentEpochs: readonly AgentEpochRow[];
    timings: readonly PhaseTimingRow[];
    outcomes: readonly OutcomeRow[];
    digests: readonly AnswerDigestRow[];
  }): void;
  offsets(): Record<string, number>;
  close(): void;
}

/**
 * Opens the streamed files of run folder `dir`: new, each with its header line; or, with `resumeAt`
 * (the offsets of a checkpoint; each file already cut to it), appended to.
 */
export function openTableStream(
  dir: string,
  options: { identity: IdentityRow; answerDigests: boolean; resumeAt?: Record<string, number> },
): TableStream {
  const lead: Record<string, unknown> = { ...options.identity };
  const files = Object.values(STREAMED_FILES).filter(
    (f) => options.answerDigests || f !== STREAMED_FILES.answers,
  );
  const fds = new Map<string, number>();
  const sizes: Record<string, number> = {};
  const append = (file: string, text: string) => {
    const fd = fds.get(file);
    if (fd === undefined || text === "") return;
    const bytes = Buffer.from(text, "utf8");
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written);
    sizes[file] += bytes.length;
  };
  /** A table's rows as `toCsv` writes them, without its header line. */
  const body = <Row extends object>(
    rows: readonly Row[],
    columns: readonly (keyof Row & string)[],
    withLead = true,
  ) => {
    const text = toCsv(rows, columns, withLead ? lead : {});
    return text.slice(text.indexOf("\n") + 1);
  };
  const header = (file: string) => {
    const f = RUN_TABLE_FILES;
    if (file === STREAMED_FILES.epochs) return toCsv([], columnNames(f.epochs.columns), lead);
    if (file === STREAMED_FILES.agentEpochs) return toCsv([], columnNames(f.agentEpochs.columns), lead);
    if (file === STREAMED_FILES.timings) return toCsv([], columnNames(f.timings.columns), lead);
    if (file === STREAMED_FILES.transactions) return toCsv([], TRANSACTION_COLUMNS, lead);
    return toCsv([], ANSWER_DIGEST_COLUMNS);
  };
  for (const file of files) {
    const resumeAt = options.resumeAt?.[file];
    fds.set(file, openSync(join(dir, file), resumeAt === undefined ? "w" : "a"));
    sizes[file] = resumeAt ?? 0;
    if (resumeAt === undefined) append(file, header(file));
  }
  const f = RUN_TABLE_FILES;
  return {
    appendGenesis(outcomes) {
      append(STREAMED_FILES.transactions, body(transactionRows(outcomes), TRANSACTION_COLUMNS));
    },
    appendEpoch(rows) {
      append(STREAMED_FILES.epochs, body([rows.epochRow], columnNames(f.epochs.columns)));
      append(STREAMED_FILES.agentEpochs, body(rows.agentRows, columnNames(f.agentEpochs.columns)));
      append(STREAMED_FILES.transactions, body(transactionRows(rows.outcomes), TRANSACTION_COLUMNS));
      append(STREAMED_FILES.timings, body(rows.timings, columnNames(f.timings.columns)));
      append(STREAMED_FILES.answers, body(rows.digests, ANSWER_DIGEST_COLUMNS, false));
    },
    appendRows(rows) {
      append(STREAMED_FILES.epochs, body(rows.epochs, columnNames(f.epochs.columns)));
      append(STREAMED_FILES.agentEpochs, body(rows.agentEpochs, columnNames(f.agentEpochs.columns)));
      append(STREAMED_FILES.transactions, body(transactionRows(rows.outcomes), TRANSACTION_COLUMNS));
      append(STREAMED_FILES.timings, body(rows.timings, columnNames(f.timings.columns)));
      append(STREAMED_FILES.answers, body(rows.digests, ANSWER_DIGEST_COLUMNS, false));
    },
    offsets: () => ({ ...sizes }),
    close() {
      for (const fd of fds.values()) closeSync(fd);
      fds.clear();
    },
  };
}
