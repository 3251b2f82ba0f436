import type { CommandModule } from "yargs";

interface MechanismArgs {
  case: string;
  arithmetic: "float64" | "fixed";
}

/** `crucible mechanism <case.json>`: runs a mechanism case epoch by epoch and prints JSON to stdout. */
export const mechanismCli: CommandModule<object, MechanismArgs> = {
  command: "mechanism <case>",
  describe: "run an incentive-mechanism case file (JSON) and print each epoch's outputs as JSON",
  builder: (y) =>
    y
      .positional("case", {
        type: "string",
        demandOption: true,
        describe: "case file, e.g. sim/mechanisms/examples/yuma3-basic.json",
      })
      .option("arithmetic", {
        choices: ["float64", "fixed"] as const,
        default: "float64" as const,
        describe: "float64 (fast) or fixed (the chain's I32F32 rules, bit for bit)",
      }),
  handler: async (args) => {
    const { mechanismCommand } = await import("../mechanisms/case/mechanismCommand.ts");
    process.stdout.write(await mechanismCommand(args.case, args.arithmetic));
  },
};
