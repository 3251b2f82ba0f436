import { writeFile } from "node:fs/promises";
import type { CommandModule } from "yargs";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { annotatedScenarioYaml } from "../scenario/annotatedScenario.ts";

interface InitArgs {
  file: string;
  force: boolean;
}

/** `crucible init`: writes a complete, annotated scenario to start from. */
export const initCommand: CommandModule<object, InitArgs> = {
  command: "init [file]",
  describe: "write an annotated scenario (every field at its default, each explained) to start from",
  builder: (y) =>
    y
      .positional("file", { type: "string", default: "scenario.yaml", describe: "file to write" })
      .option("force", { type: "boolean", default: false, describe: "overwrite an existing file" })
      .example("$0 init my-subnet.yaml", "write my-subnet.yaml, then edit and `crucible run my-subnet.yaml`"),
  handler: async (args) => {
    try {
      await writeFile(args.file, annotatedScenarioYaml(), { flag: args.force ? "w" : "wx" });
    } catch (cause) {
      const exists = (cause as NodeJS.ErrnoException).code === "EEXIST";
      throw new CrucibleError(
        "CRUCIBLE_USAGE",
        exists ? `${args.file}: already exists (use --force to overwrite)` : `${args.file}: cannot write`,
        { cause: exists ? undefined : cause },
      );
    }
    console.log(args.file);
  },
};
