import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { scenarioSchema } from "./scenarioSchema.ts";

export const JSON_SCHEMA_PATH = fileURLToPath(
  new URL("../../scenarios/scenario.schema.json", import.meta.url),
);

/** The JSON Schema editors use to check scenario YAML, generated from the zod schema (input side). */
export function scenarioJsonSchemaText(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ title: "Crucible scenario", ...schema }, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(JSON_SCHEMA_PATH, scenarioJsonSchemaText());
  console.log(`wrote ${JSON_SCHEMA_PATH}`);
}
