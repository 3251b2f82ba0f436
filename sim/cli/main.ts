import yargs from "yargs";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { exitOnFatal, signalExitCode } from "../lifecycle/processLifecycle.ts";
import { checkCommand } from "./checkCommand.ts";
import { compareCommand } from "./compareCommand.ts";
import { formatError } from "./formatError.ts";
import { mechanismCli } from "./mechanismCli.ts";
import { reportCommand } from "./reportCommand.ts";
import { runCommand } from "./runCommand.ts";
import { sweepCommand } from "./sweepCommand.ts";

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
    .command(mechanismCli)
    .command(reportCommand)
    .command(compareCommand)
    .command(sweepCommand)
    .command(checkCommand)
    .demandCommand(1, "name a command, e.g. crucible run scenarios/quickstart.yaml")
    .strict()
    .help()
    .version(false)
    .fail((message, error) => {
      throw error ?? new CrucibleError("CRUCIBLE_SCENARIO_INVALID", message);
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
