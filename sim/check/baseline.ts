import { readFile } from "node:fs/promises";
import { HEADLINE_DEFINITIONS } from "../../reports/headline/headlineDefinitions.ts";
import {
  bootstrapMeanDifferenceCi,
  bootstrapPairedDifferenceCi,
  type Interval,
} from "../../reports/metrics/bootstrapMeanCi.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { InvariantOutcome } from "../invariants/evaluateInvariant.ts";
import { RUN_METRICS } from "../invariants/metricCatalogue.ts";
import { createRng } from "../rng/createRng.ts";
import type { CheckReport, InvariantResult, TargetReport } from "./runCheck.ts";

/** Each target's run metrics by seed, as `crucible check --write-baseline` stores them. */
export interface Baseline {
  crucibleBaseline: 1;
  targets: Record<string, { seeds: number[]; metrics: Record<string, Record<string, number | null>> }>;
}

export interface BaselineOptions {
  /** A regression must exceed this share of the baseline mean's magnitude (default 0.05). */
  tolerance?: number;
  /** Seed of the bootstrap (default 0): the same runs give the same verdict. */
  seed?: number;
}

/** The metrics a baseline gates: those with a direction (Gini and the like have none). */
const DIRECTION = new Map(
  HEADLINE_DEFINITIONS.filter(
    (d) => d.better !== "neither" && (RUN_METRICS as readonly string[]).includes(d.key),
  ).map((d) => [d.key as string, d.better]),
);

/** A check's metrics by target and seed: the distribution a later check is held to. */
export function baselineOf(report: CheckReport): Baseline {
  const targets: Baseline["targets"] = {};
  for (const t of report.targets) {
    const metrics: Record<string, Record<string, number | null>> = {};
    for (const key of RUN_METRICS) {
      metrics[key] = Object.fromEntries(
        t.runs.flatMap((r) =>
          r.metrics === undefined ? [] : [[String(r.seed), r.metrics.run[key] ?? null]],
        ),
      );
    }
    targets[t.name] = { seeds: t.runs.filter((r) => r.metrics !== undefined).map((r) => r.seed), metrics };
  }
  return { crucibleBaseline: 1, targets };
}

export async function readBaseline(file: string): Promise<Baseline> {
  let parsed: Partial<Baseline>;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (cause) {
    throw new CrucibleError("CRUCIBLE_USAGE", `--baseline ${file}: not a readable baseline`, {
      cause,
    });
  }
  if (parsed.crucibleBaseline !== 1 || typeof parsed.targets !== "object" || parsed.targets === null) {
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `--baseline ${file}: crucibleBaseline: expected 1 (write one with crucible check --write-baseline)`,
    );
  }
  return parsed as Baseline;
}

const fmt = (v: number) => Number(v.toPrecision(4)).toString();

/**
 * Holds a target's runs to its baseline: for each metric with a direction, the difference now −
 * baseline with a 95% bootstrap interval (paired by seed when both ran the same seeds, else the two
 * sides resampled independently). A regression fails only when the whole interval lies beyond the
 * tolerance on the worse side: significant, and larger than `tolerance` × |baseline mean|. Fewer
 * than two runs on a side: no verdict. Pure and deterministic for a seed.
 */
export function compareToBaseline(
  target: TargetReport,
  baseline: Baseline,
  file: string,
  options: BaselineOptions = {},
): InvariantResult | null {
  const base = baseline.targets[target.name];
  if (base === undefined) return null;
  const tolerance = options.tolerance ?? 0.05;
  const rng = createRng(options.seed ?? 0);
  const source = `baseline ${file} (tolerance ${tolerance * 100}%)`;
  const outcomes: InvariantOutcome[] = [];
  for (const [key, better] of DIRECTION) {
    const was = new Map(
      Object.entries(base.metrics[key] ?? {}).flatMap(([s, v]) =>
        typeof v === "number" && Number.isFinite(v) ? [[Number(s), v] as const] : [],
      ),
    );
    const now = new Map(
      target.runs.flatMap((r) => {
        const v = r.metrics?.run[key];
        return typeof v === "number" && Number.isFinite(v) ? [[r.seed, v] as const] : [];
      }),
    );
    const outcome = (
      status: InvariantOutcome["status"],
      message: string,
      d?: Interval,
    ): InvariantOutcome => ({
      source: key,
      kind: "replicates",
      status,
      left: d?.estimate ?? null,
      right: null,
      message: `${key}: ${message}`,
    });
    if (was.size === 0 || now.size === 0) {
      outcomes.push(outcome("skip", "undefined in the baseline or now"));
      continue;
    }
    if (was.size < 2 || now.size < 2) {
      outcomes.push(outcome("skip", "one run on a side: no verdict"));
      continue;
    }
    const paired = [...now.keys()].every((s) => was.has(s)) && was.size === now.size;
    const d = paired
      ? bootstrapPairedDifferenceCi(
          [...now].map(([s, v]) => [was.get(s) as number, v] as const),
          rng.fork(`${key}/paired`),
        )
      : bootstrapMeanDifferenceCi([...was.values()], [...now.values()], rng.fork(`${key}/independent`));
    const baseMean = [...was.values()].reduce((s, v) => s + v, 0) / was.size;
    const allowed = tolerance * Math.abs(baseMean);
    const regressed = better === "lower" ? d.low > allowed : d.high < -allowed;
    const relative =
      baseMean === 0
        ? ""
        : ` (${d.estimate >= 0 ? "+" : ""}${fmt((d.estimate / Math.abs(baseMean)) * 100)}%)`;
    const how = paired ? `paired over ${d.n} seeds` : `${was.size} vs ${now.size} runs, unpaired`;
    const message =
      `now − baseline = ${fmt(d.estimate)}${relative}, 95% interval [${fmt(d.low)}, ${fmt(d.high)}], ${how}; ` +
      `${better} is better, tolerance ±${fmt(allowed)}${regressed ? ": regression" : ""}`;
    outcomes.push(outcome(regressed ? "fail" : "pass", message, d));
  }
  const failures = outcomes.filter((o) => o.status === "fail");
  const failure: InvariantOutcome | undefined =
    failures.length === 0
      ? undefined
      : { ...failures[0], message: failures.map((f) => f.message).join("; ") };
  return {
    source,
    kind: "baseline",
    status: failure ? "fail" : outcomes.some((o) => o.status === "pass") ? "pass" : "skip",
    outcomes,
    ...(failure ? { failure } : {}),
  };
}
