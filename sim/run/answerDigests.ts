import { createHash } from "node:crypto";
import { toCsv } from "./toCsv.ts";

/** One miner's submitted answers in one epoch, as a digest. */
export interface AnswerDigestRow {
  epoch: number;
  uid: number;
  agent: string;
  /** Values submitted: queries × outputs. */
  values: number;
  /** First 16 hex digits of the SHA-256 of the answers' float32 bytes (little-endian). */
  digest: string;
}

export const ANSWER_DIGEST_COLUMNS = ["epoch", "uid", "agent", "values", "digest"] as const;

/** First 16 hex digits of the SHA-256 of the float32 values' bytes: equal answers, equal digests. */
export function answerDigest(answer: Float32Array): string {
  const bytes = new Uint8Array(answer.buffer, answer.byteOffset, answer.byteLength);
  return createHash("sha256").update(bytes).digest("hex").slice(0, 16);
}

/** A digest row per miner that submitted answers this epoch (`answers[i]` is `miners[i]`'s). */
export function answerDigestRows(
  epoch: number,
  miners: readonly { uid: number; agent: string }[],
  answers: readonly Float32Array[],
): AnswerDigestRow[] {
  return miners.map((m, i) => ({
    epoch,
    uid: m.uid,
    agent: m.agent,
    values: answers[i].length,
    digest: answerDigest(answers[i]),
  }));
}

export function answerDigestsCsv(rows: readonly AnswerDigestRow[]): string {
  return toCsv(rows, ANSWER_DIGEST_COLUMNS);
}
