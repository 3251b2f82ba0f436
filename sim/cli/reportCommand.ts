import type { CommandModule } from "yargs";

interface ReportArgs {
  "run-folder": string;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: "report <run-folder>",
  describe: "rebuild a run folder's charts/, report.html and summary.json from its tables",
  builder: (y) =>
    y.positional("run-folder", {
      type: "string",
      demandOption: true,
      describe: "a folder written by crucible run",
    }),
  handler: async (args) => {
    // Loaded here so other commands do not pay for vega.
    const { rebuildReport } = await import("../../reports/rebuildReport.ts");
    const result = await rebuildReport(args["run-folder"]);
    console.log(result.html);
  },
};
