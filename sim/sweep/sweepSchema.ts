import { z } from "zod";
import { HEADLINE_DEFINITIONS } from "../../reports/headline/headlineDefinitions.ts";

export const SWEEP_MODES = ["grid", "zip", "random", "latin-hypercube"] as const;
export const METRIC_KEYS = HEADLINE_DEFINITIONS.map((d) => d.key) as [string, ...string[]];

const scenarioPath = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/,
    "expected a scenario path such as emissionSplit.miners or population.miners[0].count",
  );

const scalar = z.union([z.number(), z.string(), z.boolean()]);

const listParameter = z.strictObject({
  path: scenarioPath.describe("the scenario field this parameter sets"),
  values: z.array(scalar).min(1).describe("the values to try, in order"),
});

const rangeParameter = z
  .strictObject({
    path: scenarioPath.describe("the scenario field this parameter sets"),
    from: z.number().describe("first value (inclusive)"),
    to: z.number().describe("last value (inclusive)"),
    steps: z
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe(
        "points from `from` to `to` for grid and zip (random and latin-hypercube draw from the interval)",
      ),
    scale: z.enum(["linear", "log"]).default("linear").describe("spacing of the points (log: geometric)"),
    integer: z.boolean().default(false).describe("round every value to the nearest integer"),
  })
  .refine((p) => p.scale === "linear" || (p.from > 0 && p.to > 0), "a log range needs from > 0 and to > 0");

export const sweepParameterSchema = z.union([listParameter, rangeParameter]);

export const sweepConstraintSchema = z
  .strictObject({
    derive: scenarioPath.describe("the scenario field computed from others"),
    remainderOf: z
      .array(scenarioPath)
      .min(1)
      .describe("fields (parameters or the base scenario's resolved values) subtracted from `total`"),
    total: z.number().default(1).describe("derive = total − sum(remainderOf)"),
  })
  .describe("e.g. emissionSplit.validators = 1 − emissionSplit.miners − emissionSplit.owner");

/** A sweep file (`sweeps/*.yaml`): one base scenario, varied by scenario path. */
export const sweepSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, "expected lower-case letters, digits and dashes")
      .describe("sweep name, used in the sweep folder's name"),
    description: z.string().default(""),
    scenario: z.string().min(1).describe("the base scenario file, relative to this sweep file"),
    seed: z
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1)
      .describe("root seed: the replicate seeds and the random and latin-hypercube draws come from it"),
    epochs: z.int().min(1).optional().describe("epochs of every run (overrides the scenario's)"),
    overrides: z
      .record(z.string(), z.unknown())
      .default({})
      .describe(
        "scenario fields fixed for every run, as a JSON merge patch, e.g. { chain: { backend: memory } }",
      ),
    mode: z.enum(SWEEP_MODES).default("grid").describe("how parameter values combine into points"),
    count: z.int().min(1).max(100_000).optional().describe("points drawn, for random and latin-hypercube"),
    parameters: z.array(sweepParameterSchema).min(1).describe("the scenario fields varied"),
    constraints: z.array(sweepConstraintSchema).default([]),
    replicates: z.int().min(1).max(10_000).default(1).describe("runs per point, each with its own seed"),
    metrics: z
      .array(z.enum(METRIC_KEYS))
      .min(1)
      .default(["spearmanAccuracyReward", "giniMinerRewards"])
      .describe("headline metrics charted in sweep.html (the table holds every headline metric)"),
  })
  .superRefine((s, ctx) => {
    const needsCount = s.mode === "random" || s.mode === "latin-hypercube";
    if (needsCount && s.count === undefined)
      ctx.addIssue({ code: "custom", path: ["count"], message: `mode ${s.mode} needs a count` });
    if (!needsCount && s.count !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["count"],
        message: `count applies to random and latin-hypercube, not ${s.mode}`,
      });
    const seen = new Set<string>();
    s.parameters.forEach((p, i) => {
      if (seen.has(p.path))
        ctx.addIssue({
          code: "custom",
          path: ["parameters", i, "path"],
          message: `${p.path} is swept twice`,
        });
      seen.add(p.path);
      if ("from" in p && !needsCount && p.steps === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["parameters", i, "steps"],
          message: `a range needs steps in mode ${s.mode}`,
        });
    });
    if (s.mode === "zip") {
      const lengths = s.parameters.map((p) => ("values" in p ? p.values.length : (p.steps ?? 0)));
      if (new Set(lengths).size > 1)
        ctx.addIssue({
          code: "custom",
          path: ["parameters"],
          message: `zip pairs values position by position: every parameter needs as many values (got ${lengths.join(", ")})`,
        });
    }
    s.constraints.forEach((c, i) => {
      if (seen.has(c.derive))
        ctx.addIssue({
          code: "custom",
          path: ["constraints", i, "derive"],
          message: `${c.derive} is a swept parameter; it cannot also be derived`,
        });
      if (c.remainderOf.includes(c.derive))
        ctx.addIssue({
          code: "custom",
          path: ["constraints", i, "remainderOf"],
          message: "a field cannot be derived from itself",
        });
    });
  });

export type SweepMode = (typeof SWEEP_MODES)[number];
export type SweepInput = z.input<typeof sweepSchema>;
export type Sweep = z.output<typeof sweepSchema>;
export type SweepParameter = z.output<typeof sweepParameterSchema>;
export type SweepConstraint = z.output<typeof sweepConstraintSchema>;
