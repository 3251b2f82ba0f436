import type { SweepPlanFile } from "./planSweep.ts";
import type { RunResult, SweepFolder } from "./sweepFolder.ts";
import { buildSweepHtml } from "./sweepReport/buildSweepHtml.ts";
import { sweepRows, sweepTableCsv, sweepTableParquet } from "./sweepTable.ts";

/** Writes the sweep table (CSV and Parquet) and sweep.html into the sweep folder. */
export async function writeSweepOutputs(
  folder: SweepFolder,
  plan: SweepPlanFile,
  results: readonly RunResult[],
) {
  const rows = sweepRows(plan, results);
  const tablePath = await folder.write("table.csv", sweepTableCsv(plan, rows));
  const parquetPath = await folder.write("table.parquet", new Uint8Array(sweepTableParquet(plan, rows)));
  const htmlPath = await folder.write("sweep.html", buildSweepHtml(plan, rows));
  return { dir: folder.dir, tablePath, parquetPath, htmlPath };
}
