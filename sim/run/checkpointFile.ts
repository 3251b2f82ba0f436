import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { gunzipSync, gzipSync } from "node:zlib";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { makeDirs } from "./makeDirs.ts";

/** The folder of a run folder that holds its checkpoints, one file per checkpointed epoch. */
export const CHECKPOINT_DIR = "checkpoints";
const FORMAT = "crucible-checkpoint";
/** The checkpoint format this Crucible writes; it reads it and version 1 (dense weight matrices,
 * before `packSnapshot`); another version is refused. */
export const CHECKPOINT_VERSION = 2;
const READS = [1, CHECKPOINT_VERSION];

/** A checkpoint's first line (JSON): what it is, and what the rest must hash to. */
export interface CheckpointHeader {
  format: typeof FORMAT;
  version: number;
  /** The last finished epoch it holds the state after. */
  epoch: number;
  /** sha256 of the resolved scenario's JSON it was made from. */
  scenarioHash: string;
  backend: string;
  /** Bytes of each streamed table that hold epochs 0..epoch (see `RunProgressRecord.offsets`). */
  offsets: Record<string, number>;
  /** Bytes of the compressed state after the header line. */
  bytes: number;
  /** sha256 over the header without this field, a newline, and the compressed state. */
  sha256: string;
}

export const checkpointName = (epoch: number) => `epoch-${String(epoch).padStart(6, "0")}.ckpt`;

const invalid = (path: string, why: string) =>
  new CrucibleError("CRUCIBLE_CHECKPOINT_INVALID", `${path}: ${why}`);

function digest(header: Omit<CheckpointHeader, "sha256">, body: Uint8Array): string {
  return createHash("sha256").update(JSON.stringify(header)).update("\n").update(body).digest("hex");
}

/**
 * Writes a checkpoint: a JSON header line, then the state, serialised with Node's structured clone
 * (v8.serialize: typed arrays, bigints, maps and shared references kept exactly) and gzipped. Written
 * whole or not at all (a temporary file renamed). Returns its path and size.
 */
export async function writeCheckpoint(
  runDir: string,
  meta: Omit<CheckpointHeader, "format" | "version" | "bytes" | "sha256">,
  state: unknown,
): Promise<{ path: string; bytes: number }> {
  const body = gzipSync(serialize(state), { level: 1 });
  const unsigned = { format: FORMAT, version: CHECKPOINT_VERSION, ...meta, bytes: body.length } as const;
  const header: CheckpointHeader = { ...unsigned, sha256: digest(unsigned, body) };
  const dir = join(runDir, CHECKPOINT_DIR);
  await makeDirs(dir);
  const path = join(dir, checkpointName(meta.epoch));
  const temp = `${path}.tmp`;
  writeFileSync(temp, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
  renameSync(temp, path);
  return { path, bytes: body.length };
}

/** Reads a checkpoint and checks it whole: format, version and content hash; else a clear error. */
export function readCheckpoint(path: string): { header: CheckpointHeader; state: unknown } {
  if (!existsSync(path)) throw invalid(path, "no such checkpoint");
  const file = readFileSync(path);
  const newline = file.indexOf(10);
  let header: CheckpointHeader;
  try {
    header = JSON.parse(file.subarray(0, newline < 0 ? file.length : newline).toString("utf8"));
  } catch {
    throw invalid(path, "not a Crucible checkpoint (its first line is not a JSON header)");
  }
  if (header?.format !== FORMAT) throw invalid(path, "not a Crucible checkpoint");
  if (!READS.includes(header.version))
    throw invalid(
      path,
      `checkpoint format version ${header.version}; this Crucible reads versions ${READS.join(" and ")} (resume it with the Crucible that wrote it)`,
    );
  const body = file.subarray(newline + 1);
  const { sha256, ...unsigned } = header;
  if (body.length !== header.bytes || digest(unsigned, body) !== sha256)
    throw invalid(path, "corrupted: its content does not match its sha256 (delete it to use an earlier one)");
  return { header, state: deserialize(gunzipSync(body)) };
}

/** The checkpoints of a run folder, by epoch (oldest first). */
export function listCheckpoints(runDir: string): { epoch: number; path: string }[] {
  const dir = join(runDir, CHECKPOINT_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const m = /^epoch-(\d+)\.ckpt$/.exec(name);
      return m ? [{ epoch: Number(m[1]), path: join(dir, name) }] : [];
    })
    .sort((a, b) => a.epoch - b.epoch);
}
