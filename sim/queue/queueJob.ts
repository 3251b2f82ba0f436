import { z } from "zod";

/** The BullMQ queue Crucible's coordinators and workers share unless told otherwise (`--queue-name`). */
export const DEFAULT_QUEUE_NAME = "crucible";

/**
 * A job is data, never code: which run of which sweep folder (the worker reads the plan from the
 * shared results folder), or one seed of a check. Paths are relative to the shared results folder
 * (the coordinator's `--out`, the worker's `--results`), so each machine may mount it where it likes.
 */
export const sweepRunJob = z.object({
  kind: z.literal("sweep-run"),
  /** The sweep folder's name inside the results folder (`.name-seed-stamp.partial`). */
  sweep: z.string().regex(/^[^/\\]+$/, "a folder name, not a path"),
  run: z.string().regex(/^[\w.-]+$/),
});

export const checkSeedJob = z.object({
  kind: z.literal("check-seed"),
  scenarioPath: z.string(),
  seed: z.number().int(),
  epochs: z.number().int().optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
  /** Where the run goes, relative to the results folder (no `..`). */
  outDir: z.string().refine((p) => !p.split(/[/\\]/).includes(".."), "stays inside the results folder"),
});

export const queueJob = z.discriminatedUnion("kind", [sweepRunJob, checkSeedJob]);
export type QueueJob = z.infer<typeof queueJob>;
export type SweepRunJob = z.infer<typeof sweepRunJob>;
export type CheckSeedJob = z.infer<typeof checkSeedJob>;

/** BullMQ job ids may not contain `:`; a sweep's runs are named by the sweep folder and the run id. */
export function sweepJobId(sweepFolderName: string, runId: string): string {
  const name = sweepFolderName.replace(/^\./, "").replace(/\.partial$/, "");
  return `${name}.${runId}`.replace(/:/g, "_");
}
