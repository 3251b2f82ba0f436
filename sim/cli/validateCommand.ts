import type { CommandModule } from "yargs";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { prepareNetworkRun } from "../prepareNetworkRun.ts";
import { prepareRun } from "../prepareRun.ts";
import { formatError } from "./formatError.ts";

interface ValidateArgs {
  files: string[];
  json: boolean;
}

interface Verdict {
  file: string;
  ok: boolean;
  summary?: {
    name: string;
    epochs: number;
    miners: number;
    validators: number;
    mechanism: string;
    chain: string;
  };
  error?: { code: string; message: string; details?: string };
}

/** `crucible validate`: schema, strategies and mechanism of each file, nothing started (fast). */
export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: "validate <files..>",
  describe: "check scenario files (schema, every contract bound, strategies, mechanism) without running",
  builder: (y) =>
    y
      .positional("files", {
        type: "string",
        array: true,
        demandOption: true,
        describe: "scenario YAML files",
      })
      .option("json", { type: "boolean", default: false, describe: "print one JSON object per file" })
      .example("$0 validate scenarios/quickstart.yaml", "exit 0 and one line when the scenario is valid")
      .example("$0 validate scenarios/*.yaml --json", "one JSON verdict per file, for scripts"),
  handler: async (args) => {
    const verdicts: Verdict[] = [];
    for (const file of args.files) verdicts.push(await validateOne(file, args.json));
    for (const v of verdicts) {
      if (args.json) console.log(JSON.stringify(v));
      else if (v.ok && v.summary) {
        const s = v.summary;
        console.log(
          `ok   ${v.file}: ${s.name}, ${s.miners} miners, ${s.validators} validators, ${s.epochs} epochs, ${s.mechanism} on ${s.chain}`,
        );
      }
    }
    const bad = verdicts.filter((v) => !v.ok);
    if (bad.length > 0) {
      throw new CrucibleError(
        "CRUCIBLE_SCENARIO_INVALID",
        `${bad.length} of ${verdicts.length} scenario file${verdicts.length > 1 ? "s" : ""} invalid: ${bad.map((v) => v.file).join(", ")}`,
      );
    }
  },
};

async function validateOne(file: string, json: boolean): Promise<Verdict> {
  try {
    const prepared = await prepareRun({ scenarioPath: file });
    const { scenario } = prepared;
    if (scenario.subnets) await prepareNetworkRun({ scenarioPath: file }, prepared);
    const count = (groups: readonly { count: number }[]) => groups.reduce((n, g) => n + g.count, 0);
    return {
      file,
      ok: true,
      summary: {
        name: scenario.name,
        epochs: scenario.epochs,
        miners: count(scenario.population.miners),
        validators: count(scenario.population.validators),
        mechanism: scenario.mechanism.name,
        chain: scenario.chain.backend,
      },
    };
  } catch (error) {
    if (!(error instanceof CrucibleError)) throw error;
    if (!json) console.error(formatError(error));
    return { file, ok: false, error: { code: error.code, message: error.message, details: error.details } };
  }
}
