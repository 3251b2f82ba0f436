import { performance } from "node:perf_hooks";
import { packSnapshot } from "../engine/engineSnapshot.ts";
import type { EpochEnd } from "../engine/simulateRun.ts";
import { writeCheckpoint } from "./checkpointFile.ts";
import type { IdentityRow } from "./columnDocs.ts";
import { type RunProgressRecord, writeRunProgress } from "./runProgressFile.ts";
import type { OutcomeRow } from "./runTablesToCsv.ts";
import { openTableStream } from "./tableStream.ts";

/** Checkpoint cost the automatic cadence keeps under, as a share of the epochs' wall time. */
export const CHECKPOINT_BUDGET = 0.05;
/** What the automatic cadence expects the first checkpoint to cost (ms), before it has measured one:
 * the order of a small memory-protocol run's (quickstart: 20-50 ms on the 2-core machine). */
const FIRST_CHECKPOINT_MS = 25;

export interface RunRecorderOptions {
  identity: IdentityRow;
  answerDigests: boolean;
  scenarioFile: string;
  epochs: number;
  /** sha256 of the resolved scenario (recorded in every checkpoint). */
  scenarioHash: string;
  backend: string;
  /** A checkpoint every K epochs; "auto": whenever one more keeps the checkpoints' total cost
   * within 5 % of the epochs' time so far; 0: none. */
  checkpointEvery: number | "auto";
  /** Continue a stopped run: its files already cut to the checkpoint's offsets. */
  resumeAt?: { epoch: number; offsets: Record<string, number> };
  parent?: RunProgressRecord["parent"];
  log?: (line: string) => void;
}

export interface CheckpointStats {
  written: number;
  /** Wall time spent taking and writing checkpoints, and the epochs' wall time (both ms). */
  ms: number;
  epochsMs: number;
  /** Size of the last checkpoint (bytes, compressed). */
  lastBytes: number;
}

/**
 * What `runScenario` does as each epoch ends: the epoch's rows appended to the streamed tables, a
 * checkpoint when one is due, and progress.json rewritten to say how far the run got.
 */
export function createRunRecorder(dir: string, options: RunRecorderOptions) {
  const stream = openTableStream(dir, {
    identity: options.identity,
    answerDigests: options.answerDigests,
    resumeAt: options.resumeAt?.offsets,
  });
  const stats: CheckpointStats = { written: 0, ms: 0, epochsMs: 0, lastBytes: 0 };
  let lastCheckpoint: number | null = options.resumeAt?.epoch ?? null;
  let lastCost: number | undefined;
  let unsupported = false;
  const progress = (epochsDone: number) =>
    writeRunProgress(dir, {
      format: 1,
      scenario: options.identity.scenario,
      seed: options.identity.seed,
      scenarioFile: options.scenarioFile,
      epochs: options.epochs,
      epochsDone,
      lastCheckpoint,
      offsets: stream.offsets(),
      ...(options.parent === undefined ? {} : { parent: options.parent }),
    });
  const due = (epoch: number): boolean => {
    const every = options.checkpointEvery;
    if (epoch >= options.epochs - 1 || every === 0) return false; // the last epoch ends the run
    if (every !== "auto") return (epoch + 1) % every === 0;
    // One more, at the last one's cost, must keep the run's checkpoints within budget.
    return stats.ms + (lastCost ?? FIRST_CHECKPOINT_MS) <= CHECKPOINT_BUDGET * stats.epochsMs;
  };
  progress(options.resumeAt === undefined ? 0 : options.resumeAt.epoch + 1);
  return {
    onGenesis(outcomes: readonly OutcomeRow[]): void {
      stream.appendGenesis(outcomes);
    },
    async onEpoch(end: EpochEnd): Promise<void> {
      // The epoch's wall time: its phases' (what the engine timed).
      const epochMs = end.timings.reduce((sum, t) => sum + t.ms, 0);
      stats.epochsMs += epochMs;
      stream.appendEpoch(end);
      if (!end.canSnapshot) unsupported = true;
      if (end.canSnapshot && due(end.epoch)) {
        const t0 = performance.now();
        const snapshot = await end.snapshot();
        const written = await writeCheckpoint(
          dir,
          {
            epoch: end.epoch,
            scenarioHash: options.scenarioHash,
            backend: options.backend,
            offsets: stream.offsets(),
          },
          packSnapshot(snapshot),
        );
        lastCost = performance.now() - t0;
        stats.written++;
        stats.ms += lastCost;
        stats.lastBytes = written.bytes;
        lastCheckpoint = end.epoch;
      }
      progress(end.epoch + 1);
    },
    /** Closes the streamed files; the checkpoints' cost, printed and kept in the manifest. */
    finish(): CheckpointStats {
      stream.close();
      if (unsupported)
        options.log?.(
          `checkpoints: none (the ${options.backend} protocol cannot save its state yet; the memory protocol can)`,
        );
      if (stats.written > 0) {
        const share = stats.epochsMs > 0 ? (100 * stats.ms) / stats.epochsMs : 0;
        options.log?.(
          `checkpoints: ${stats.written} written in ${Math.round(stats.ms)} ms, ${share.toFixed(1)} % of the epochs' ${Math.round(stats.epochsMs)} ms (last ${(stats.lastBytes / 1024).toFixed(1)} KiB)`,
        );
      }
      return stats;
    },
    close: () => stream.close(),
  };
}

export type RunRecorder = ReturnType<typeof createRunRecorder>;
