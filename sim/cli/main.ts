import { readFileSync } from "node:fs";
import { join } from "node:path";
import yargs from "yargs";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { exitOnFatal, signalExitCode } from "../lifecycle/processLifecycle.ts";
import { packageRoot } from "../package/packageRoot.ts";
import { attackDefencesCommand } from "./attackDefencesCommand.ts";
import { attackSearchCommand } from "./attackSearchCommand.ts";
import { checkCommand } from "./checkCommand.ts";
import { compareCommand } from "./compareCommand.ts";
import { forkCommand } from "./forkCommand.ts";
import { formatError } from "./formatError.ts";
import { initCommand } from "./initCommand.ts";
import { mechanismCli } from "./mechanismCli.ts";
import { replayCommand } from "./replayCommand.ts";
import { reportCommand } from "./reportCommand.ts";
import { runCommand } from "./runCommand.ts";
import { sweepCommand } from "./sweepCommand.ts";
import { validateCommand } from "./validateCommand.ts";
import { workerCommand } from "./workerCommand.ts";

const { version } = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as {
  version: string;
};

/** The `crucible` CLI: each command maps flags onto the programmatic API and prints the result. */
export async function main(argv: string[]): Promise<number> {
  // An error thrown from a timer or a promise nobody awaits (a user mechanism's, say) while a run
  // is going: one clear message, exit 1, Anvil and the workers already stopped by the owner.
  exitOnFatal((error, origin) =>
    console.error(
      formatError(new CrucibleError("CRUCIBLE_RUN_FAILED", `${origin} during the run`, { cause: error })),
    ),
  );
  let exitCode = 0;
  const cli = yargs(argv)
    .scriptName("crucible")
    .usage("$0 <command> [options]")
    .command(runCommand)
    .command(forkCommand)
    .command(mechanismCli)
    .command(reportCommand)
    .command(compareCommand)
    .command(sweepCommand)
    .command(checkCommand)
    .command(attackSearchCommand)
    .command(attackDefencesCommand)
    .command(replayCommand)
    .command(validateCommand)
    .command(initCommand)
    .command(workerCommand)
    .example("$0 run scenarios/quickstart.yaml", "run a scenario; prints the path of its report.html")
    .example(
      "$0 run scenarios/copycat-miners.yaml --chain memory --epochs 5",
      "a quick look on the in-memory protocol",
    )
    .example("$0 validate scenarios/*.yaml", "check scenario files without running them")
    .example("$0 sweep sweeps/emission-split.yaml", "run a parameter sweep; writes sweep.csv and sweep.html")
    .example(
      "$0 worker --queue redis://:password@10.0.0.5:6379 --results /shared/runs",
      "run jobs of sweeps and checks started with --queue (on any machine)",
    )
    .example("$0 replay .crucible/cases/<name>.case.json", "rerun a failure that check shrank")
    .example(
      "$0 attack-search scenarios/attack-search/yuma3.search.yaml",
      "find the most profitable attack within a budget; writes best.yaml and search.html",
    )
    .example(
      "$0 check scenarios/ci --seeds 3",
      "assert economic invariants over seeds; exit 1 on a violation",
    )
    .example("$0 compare runs/a runs/b", "compare two runs (or sets of runs) side by side")
    .demandCommand(1, "name a command, e.g. crucible run scenarios/quickstart.yaml")
    .strict()
    .help()
    .alias("h", "help")
    .version(version)
    .alias("V", "version")
    .fail((message, error) => {
      throw error ?? new CrucibleError("CRUCIBLE_USAGE", message);
    })
    .wrap(Math.min(110, process.stdout.columns ?? 110));
  try {
    await cli.parseAsync();
  } catch (error) {
    // Interrupted: the failure is the interruption's doing (its chain was stopped); end as it says.
    exitCode = signalExitCode() ?? 1;
    if (exitCode === 1) console.error(formatError(error));
  }
  return exitCode;
}
