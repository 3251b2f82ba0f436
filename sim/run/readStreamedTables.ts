import { existsSync, readFileSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { AnswerDigestRow } from "./answerDigests.ts";
import { type ColumnType, RUN_TABLE_FILES, type RunTables, type TableColumns } from "./runTables.ts";
import type { OutcomeRow } from "./runTablesToCsv.ts";
import { STREAMED_FILES } from "./tableStream.ts";
import { parseCsv } from "./toCsv.ts";

/** A streamed file's text up to `bytes` (the finished epochs; a cut-off last row is left out). */
export function readStreamedText(path: string, bytes: number | undefined): string {
  const file = readFileSync(path);
  return file.subarray(0, bytes ?? file.length).toString("utf8");
}

/** Cell → value, the inverse of `toCsv` for every value it writes: "" is NaN in number columns. */
function cell(raw: string, type: ColumnType): unknown {
  if (type === "text" || Array.isArray(type)) return raw;
  return raw === "" ? Number.NaN : Number(raw);
}

function rows<Row>(text: string, columns: TableColumns<Row>): Row[] {
  const names = Object.keys(columns) as (keyof Row & string)[];
  return parseCsv(text).map((record) => {
    const row = {} as Record<string, unknown>;
    for (const c of names) row[c] = cell(record[c] ?? "", columns[c]);
    return row as Row;
  });
}

/**
 * The rows of a run's streamed tables up to `offsets` (a checkpoint's), as the engine had them in
 * memory: written again with `toCsv` they give the same bytes (numbers are written in their
 * shortest round-trip form). What a resumed run starts from.
 */
export function readStreamedTables(
  dir: string,
  offsets: Record<string, number>,
  answerDigests: boolean,
): {
  tables: Pick<RunTables, "epochs" | "agentEpochs" | "timings">;
  outcomes: OutcomeRow[];
  digests: AnswerDigestRow[];
} {
  const text = (file: string) => {
    const path = join(dir, file);
    if (!existsSync(path) || offsets[file] === undefined)
      throw new CrucibleError("CRUCIBLE_CHECKPOINT_INVALID", `${path}: missing; the run cannot be resumed`);
    return readStreamedText(path, offsets[file]);
  };
  const f = RUN_TABLE_FILES;
  const outcomes = parseCsv(text(STREAMED_FILES.transactions)).map(
    (r): OutcomeRow => ({
      epoch: Number(r.epoch),
      phase: r.phase as OutcomeRow["phase"],
      agent: r.agent,
      functionName: r.functionName,
      status: r.status as OutcomeRow["status"],
      ...(r.error === "" ? {} : { error: r.error }),
      gasUsed: r.gasUsed === "" ? null : BigInt(r.gasUsed),
    }),
  );
  const digests = answerDigests
    ? parseCsv(text(STREAMED_FILES.answers)).map(
        (r): AnswerDigestRow => ({
          epoch: Number(r.epoch),
          uid: Number(r.uid),
          agent: r.agent,
          values: Number(r.values),
          digest: r.digest,
        }),
      )
    : [];
  return {
    tables: {
      epochs: rows(text(STREAMED_FILES.epochs), f.epochs.columns),
      agentEpochs: rows(text(STREAMED_FILES.agentEpochs), f.agentEpochs.columns),
      timings: rows(text(STREAMED_FILES.timings), f.timings.columns),
    },
    outcomes,
    digests,
  };
}

/** Cuts each streamed file back to `offsets` (what a checkpoint holds), dropping later rows. */
export function cutStreamedFiles(dir: string, offsets: Record<string, number>): void {
  for (const [file, bytes] of Object.entries(offsets)) truncateSync(join(dir, file), bytes);
}
