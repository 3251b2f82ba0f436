import { writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { CrucibleError } from "../../sim/errors/CrucibleError.ts";
import { makeDirs } from "../../sim/run/makeDirs.ts";
import type { RunFolderContents } from "../../sim/run/readRunFolder.ts";
import { readRunSet } from "../../sim/run/readRunSet.ts";
import { forkOrigin } from "../charts/forkEpochRule.ts";
import { buildCompareHtml } from "../html/buildCompareHtml.ts";
import { buildCompareManyHtml } from "../html/buildCompareManyHtml.ts";
import { renderSvg } from "../renderSvg.ts";
import { toReportError } from "../toReportError.ts";
import { buildCompareSpecs } from "./buildCompareSpecs.ts";
import {
  type ComparedRun,
  type ComparedSide,
  type CompareOptions,
  type Comparison,
  compareRuns,
} from "./compareRuns.ts";

export interface WriteCompareOptions extends CompareOptions {
  /** Folder that receives compare.html and compare.json (default: `compare-<A>-vs-<B>` beside B). */
  outDir?: string;
}

export interface CompareResult {
  outDir: string;
  html: string;
  json: string;
  comparison: Comparison;
}

export interface CompareManyResult {
  outDir: string;
  html: string;
  json: string;
  /** Each other side against A (B, C, …). */
  comparisons: Comparison[];
}

/** Sides are named A, B, C, … in the order given. */
export const MAX_SIDES = 26;
const sideName = (i: number) => String.fromCharCode(65 + i);

function side(name: string, runs: readonly RunFolderContents[]): ComparedSide {
  return {
    name,
    runs: runs.map((r): ComparedRun => {
      const seed = typeof r.manifest.seed === "number" ? r.manifest.seed : null;
      const forkOf = forkOrigin(r.manifest);
      return {
        dir: r.dir,
        label: runs.length === 1 && seed === null ? name : `${name} seed ${seed ?? basename(r.dir)}`,
        scenario: r.manifest.scenario?.name ?? basename(r.dir),
        seed,
        tables: r.tables,
        wallTimeMs: r.wallTimeMs,
        ...(forkOf === undefined ? {} : { forkOf }),
      };
    }),
  };
}

/** JSON with non-finite numbers as null (JSON.stringify would write them as null anyway, silently). */
const toJson = (value: unknown) =>
  `${JSON.stringify(value, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`;

/**
 * `crucible compare <runA> <runB>`: reads both sides (a run folder, or a folder of run folders over
 * seeds), compares them with A as the baseline and writes compare.html (self-contained, charts
 * inlined) and compare.json (every metric of A and B, the differences and the honest miners' loss).
 */
export async function writeCompare(
  aDir: string,
  bDir: string,
  options: WriteCompareOptions = {},
): Promise<CompareResult> {
  return compare(aDir, bDir, options).catch((error: unknown) => {
    throw toReportError(error, `comparing ${aDir} with ${bDir}`);
  });
}

async function compare(aDir: string, bDir: string, options: WriteCompareOptions): Promise<CompareResult> {
  const [runsA, runsB] = [await readRunSet(aDir), await readRunSet(bDir)];
  const a = side("A", runsA);
  const b = side("B", runsB);
  const comparison = compareRuns(a, b, options);
  const { charts, omitted } = buildCompareSpecs([...a.runs, ...b.runs], comparison);
  const rendered = [];
  for (const chart of charts) rendered.push({ ...chart, svg: await renderSvg(chart.spec) });
  const outDir =
    options.outDir ??
    join(dirname(resolve(bDir)), `compare-${basename(resolve(aDir))}-vs-${basename(resolve(bDir))}`);
  await makeDirs(outDir);
  const html = join(outDir, "compare.html");
  const json = join(outDir, "compare.json");
  const name = (runs: readonly RunFolderContents[]) =>
    runs.length === 1 ? runs[0].title : `${runs[0].manifest.scenario?.name ?? "runs"} (${runs.length} runs)`;
  // Same scenario and seed on both sides (e.g. an edited copy): tell them apart by folder.
  const title =
    name(runsA) === name(runsB)
      ? `${name(runsA)}: ${basename(resolve(aDir))} vs. ${basename(resolve(bDir))}`
      : `${name(runsA)} vs. ${name(runsB)}`;
  await writeFile(
    html,
    buildCompareHtml({
      title,
      comparison,
      charts: rendered,
      omitted,
      scenarios: { a: runsA[0].scenarioYaml, b: runsB[0].scenarioYaml },
    }),
  );
  await writeFile(json, toJson(comparison));
  return { outDir, html, json, comparison };
}

/**
 * `crucible compare <A> <B> <C> …`: three sides or more, each a run folder or a folder of run folders
 * over seeds. Every side is compared with A as the baseline (as two-sided compare does, pair by pair)
 * and one compare.html shows them all; compare.json holds `{ baseline, comparisons }`. With two
 * sides this is `writeCompare`, and its result has the one comparison.
 */
export async function writeCompareMany(
  dirs: readonly string[],
  options: WriteCompareOptions = {},
): Promise<CompareManyResult> {
  if (dirs.length < 2 || dirs.length > MAX_SIDES)
    throw new CrucibleError(
      "CRUCIBLE_INVALID_ARGUMENT",
      `compare: expected 2 to ${MAX_SIDES} run folders, got ${dirs.length}`,
    );
  if (dirs.length === 2) {
    const { comparison, ...rest } = await writeCompare(dirs[0], dirs[1], options);
    return { ...rest, comparisons: [comparison] };
  }
  return compareMany(dirs, options).catch((error: unknown) => {
    throw toReportError(error, `comparing ${dirs.join(", ")}`);
  });
}

async function compareMany(
  dirs: readonly string[],
  options: WriteCompareOptions,
): Promise<CompareManyResult> {
  const read: RunFolderContents[][] = [];
  for (const dir of dirs) read.push(await readRunSet(dir));
  const sides = read.map((runs, i) => side(sideName(i), runs));
  const [a, ...others] = sides;
  const comparisons = others.map((b) => compareRuns(a, b, options));
  // The honest miners' reward chart pairs one side with A; with several it is left to the table.
  const { charts, omitted } = buildCompareSpecs(
    sides.flatMap((s) => s.runs),
    { ...comparisons[0], honestLoss: null },
  );
  const rendered = [];
  for (const chart of charts) rendered.push({ ...chart, svg: await renderSvg(chart.spec) });
  const names = dirs.map((d) => basename(resolve(d)));
  const outDir = options.outDir ?? join(dirname(resolve(dirs[0])), `compare-${names.join("-vs-")}`);
  await makeDirs(outDir);
  const html = join(outDir, "compare.html");
  const json = join(outDir, "compare.json");
  await writeFile(
    html,
    buildCompareManyHtml({
      title: `${names[0]} (A) vs. ${names.slice(1).join(", ")}`,
      comparisons,
      charts: rendered,
      omitted,
      scenarios: read.map((runs, i) => ({ name: sideName(i), yaml: runs[0].scenarioYaml })),
    }),
  );
  await writeFile(json, toJson({ baseline: "A", comparisons }));
  return { outDir, html, json, comparisons };
}
