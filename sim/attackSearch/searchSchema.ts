import { z } from "zod";
import { METRIC_KEYS } from "../sweep/sweepSchema.ts";

/**
 * The attack-search file (`crucible attack-search <search.yaml>`): a base scenario, the attacker
 * operator's parameter space, its budget at genesis, the objective, the common evaluation seeds, the
 * optimizer and the run budget. `z.input` is what YAML may omit; `z.output` what the search uses.
 */

const scenarioPath = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/,
    "expected a scenario path such as population.validators[1].stake",
  );

const condition = z
  .record(z.string(), z.string())
  .optional()
  .describe(
    "apply this parameter only when the named categorical parameters took these labels, e.g. { minerStrategy: copycat }",
  );

const name = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.[\]]*$/, "expected letters, digits, _, . and [ ]")
  .optional()
  .describe("the parameter's name in the tables and conditions (default: its path)");

const continuousParameter = z
  .strictObject({
    type: z.literal("continuous"),
    path: scenarioPath.describe("the scenario field this parameter sets"),
    name,
    min: z.number().describe("smallest value (inclusive)"),
    max: z.number().describe("largest value (inclusive)"),
    scale: z.enum(["linear", "log"]).default("linear").describe("log: searched over log(value)"),
    when: condition,
  })
  .refine((p) => p.max > p.min, { message: "max must be greater than min", path: ["max"] })
  .refine((p) => p.scale === "linear" || p.min > 0, { message: "a log scale needs min > 0", path: ["min"] });

const integerParameter = z
  .strictObject({
    type: z.literal("integer"),
    path: scenarioPath.describe("the scenario field this parameter sets"),
    name,
    min: z.int().describe("smallest value (inclusive)"),
    max: z.int().describe("largest value (inclusive)"),
    when: condition,
  })
  .refine((p) => p.max > p.min, { message: "max must be greater than min", path: ["max"] });

const categoricalValue = z.union([z.number(), z.string(), z.boolean(), z.record(z.string(), z.unknown())]);

const categoricalParameter = z
  .strictObject({
    type: z.literal("categorical"),
    path: scenarioPath.describe("the scenario field this parameter sets"),
    name,
    values: z
      .array(categoricalValue)
      .min(2)
      .describe(
        "the choices (a strategy choice: { name: copycat } ...); an object's label is its `name`, anything else's its text",
      ),
    when: condition,
  })
  .superRefine((p, ctx) => {
    const labels = p.values.map(categoryLabel);
    labels.forEach((l, i) => {
      if (labels.indexOf(l) !== i)
        ctx.addIssue({ code: "custom", path: ["values", i], message: `the label "${l}" is given twice` });
    });
  });

export const searchParameterSchema = z.union([continuousParameter, integerParameter, categoricalParameter]);

export const OBJECTIVE_KINDS = ["profit", "gain", "honestLoss", "metric", "invariant"] as const;

const objectiveSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("profit") }),
    z.strictObject({ kind: z.literal("gain") }),
    z.strictObject({ kind: z.literal("honestLoss") }),
    z.strictObject({
      kind: z.literal("metric"),
      metric: z.enum(METRIC_KEYS).describe("a headline metric of summary.json"),
      goal: z.enum(["max", "min"]).default("max"),
    }),
    z.strictObject({
      kind: z.literal("invariant"),
      invariant: z
        .string()
        .min(1)
        .describe(
          "a per-run invariant line (as in crucible check); the search maximises its violation margin",
        ),
    }),
  ])
  .describe(
    "what the attacker maximises, per seed: profit (its operator's profit after costs, operators.csv), gain (profit minus the same candidate's honest twin's profit), honestLoss (honest miners' reward lost against the honest twin, % of the twin's), metric (a headline metric, max or min), invariant (how far a per-run invariant is violated: > 0 is a violation)",
  );

const seedList = z.union([
  z.int().min(1).max(64).describe("how many seeds, derived from the root seed"),
  z
    .array(
      z
        .int()
        .min(0)
        .max(2 ** 32 - 1),
    )
    .min(1)
    .max(64)
    .describe("the seeds themselves"),
]);

export const searchSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, "expected lower-case letters, digits and dashes")
      .describe("search name, used in the search folder's name"),
    description: z.string().default(""),
    scenario: z.string().min(1).describe("the base scenario file, relative to this search file"),
    seed: z
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1)
      .describe(
        "root seed: the optimizer's draws and derived seeds come from it; same file + seed → same search",
      ),
    epochs: z.int().min(1).optional().describe("epochs of a full-length run (default: the scenario's)"),
    overrides: z
      .record(z.string(), z.unknown())
      .default({ chain: { backend: "memory" } })
      .describe("scenario fields fixed for every run, as a JSON merge patch (default: the memory protocol)"),
    attacker: z
      .string()
      .min(1)
      .describe("the operator (from the scenario's `operators:`) whose parameters are searched"),
    budget: z
      .strictObject({
        tokens: z.number().min(0).optional().describe("most tokens the attacker may stake at genesis"),
        stakeShare: z
          .number()
          .min(0)
          .max(1)
          .optional()
          .describe("most share of all genesis stake the attacker may hold (0.1: 10 %)"),
        uids: z.int().min(0).optional().describe("most UIDs the attacker may register (miners + validators)"),
      })
      .prefault({})
      .describe("the attacker's budget at genesis; a candidate over it is redrawn, never run"),
    parameters: z.array(searchParameterSchema).min(1).describe("the attacker's parameters searched"),
    objective: objectiveSchema,
    seeds: seedList.default(4).describe("evaluation seeds: every candidate is scored on the same ones (CRN)"),
    freshSeeds: seedList
      .default(8)
      .describe("seeds the best attack is rerun on after the search (never the evaluation seeds)"),
    optimizer: z
      .strictObject({
        method: z
          .enum(["cross-entropy", "random"])
          .default("cross-entropy")
          .describe("cross-entropy: the cross-entropy method over the mixed space; random: uniform draws"),
        population: z.int().min(2).max(1000).default(12).describe("candidates drawn per generation"),
        smoothing: z
          .number()
          .gt(0)
          .max(1)
          .default(0.7)
          .describe("weight of the elite's statistics in each update (1: no memory)"),
        minSpread: z
          .number()
          .min(0)
          .max(1)
          .default(0.03)
          .describe("floor of a continuous parameter's standard deviation, as a fraction of its range"),
      })
      .prefault({}),
    halving: z
      .strictObject({
        eta: z.int().min(2).max(8).default(2).describe("each rung keeps the best 1/eta of the candidates"),
        rungs: z
          .int()
          .min(1)
          .max(6)
          .default(3)
          .describe(
            "fidelities per generation; rung r runs epochs/eta^(rungs-1-r) epochs on as many of the seeds",
          ),
        minEpochs: z.int().min(1).default(2).describe("fewest epochs of a run at the lowest rung"),
      })
      .prefault({}),
    runs: z
      .number()
      .positive()
      .describe("run budget, in full-length runs (a run of e of E epochs counts e/E; twin runs count)"),
  })
  .superRefine((s, ctx) => {
    const names = s.parameters.map(parameterName);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i)
        ctx.addIssue({ code: "custom", path: ["parameters", i], message: `${n} is searched twice` });
    });
    s.parameters.forEach((p, i) => {
      for (const [other, label] of Object.entries(p.when ?? {})) {
        const target = s.parameters.find((q) => parameterName(q) === other);
        if (target === undefined || target.type !== "categorical")
          ctx.addIssue({
            code: "custom",
            path: ["parameters", i, "when", other],
            message: `${other} is not a categorical parameter of this search`,
          });
        else if (!target.values.map(categoryLabel).includes(label))
          ctx.addIssue({
            code: "custom",
            path: ["parameters", i, "when", other],
            message: `${other} has no value labelled "${label}" (${target.values.map(categoryLabel).join("|")})`,
          });
      }
    });
    if (Array.isArray(s.seeds) && Array.isArray(s.freshSeeds)) {
      const clash = s.freshSeeds.find((x) => (s.seeds as number[]).includes(x));
      if (clash !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["freshSeeds"],
          message: `seed ${clash} is also an evaluation seed; fresh seeds must be new`,
        });
    }
  });

export type SearchInput = z.input<typeof searchSchema>;
export type Search = z.output<typeof searchSchema>;
export type SearchParameter = z.output<typeof searchParameterSchema>;
export type SearchObjective = Search["objective"];

/** The label of a categorical value: an object's `name` (a strategy), anything else's text. */
export function categoryLabel(value: unknown): string {
  if (typeof value === "object" && value !== null) {
    const n = (value as { name?: unknown }).name;
    return typeof n === "string" ? n : JSON.stringify(value);
  }
  return String(value);
}

export function parameterName(p: { name?: string; path: string }): string {
  return p.name ?? p.path;
}
