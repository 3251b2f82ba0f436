import { z } from "zod";
import { invariantLineSchema } from "../scenario/invariantLineSchema.ts";

/**
 * A standalone check file (scenarios/ci/*.yaml): which scenario to run, at what reduced size, on how
 * many seeds, and the invariants to assert beside the scenario's own.
 */
export const checkFileSchema = z.strictObject({
  $schema: z.string().optional(),
  check: z.string().min(1).describe("the scenario file to check, relative to this file"),
  description: z.string().default(""),
  seeds: z
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe("seeds to run (the scenario's seed, +1, ...); default 3"),
  epochs: z.int().min(1).optional().describe("epochs per run (overrides the scenario's)"),
  overrides: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      "scenario fields merged in before validation (JSON Merge Patch), e.g. { chain: { backend: memory } }",
    ),
  invariants: z.array(invariantLineSchema).min(1).describe("the invariants, one line each"),
});

export type CheckFile = z.output<typeof checkFileSchema>;
