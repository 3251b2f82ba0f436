import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readRunFolder } from "../sim/run/readRunFolder.ts";
import { headlineSummary } from "./computeHeadline.ts";
import { toReportError } from "./toReportError.ts";
import { type ReportResult, writeReport } from "./writeReport.ts";

/**
 * `crucible report <run-folder>`: rebuilds charts/, report.html and summary.json of a run folder from
 * its tables, manifest and scenario, as the run itself would have written them. The old charts/
 * folder is replaced, so charts a newer version dropped do not linger.
 */
export async function rebuildReport(runDir: string): Promise<ReportResult> {
  return rebuild(runDir).catch((error: unknown) => {
    throw toReportError(error, `rebuilding the report of ${runDir}`);
  });
}

async function rebuild(runDir: string): Promise<ReportResult> {
  const run = await readRunFolder(runDir);
  await rm(join(runDir, "charts"), { recursive: true, force: true });
  const result = await writeReport(runDir, run.tables, {
    title: run.title,
    scenarioYaml: run.scenarioYaml,
    description: run.description,
    manifest: run.manifest,
    wallTimeMs: run.wallTimeMs,
    partial: run.partial,
  });
  await writeFile(
    join(runDir, "summary.json"),
    `${JSON.stringify(headlineSummary(result.headline), null, 2)}\n`,
  );
  return result;
}
