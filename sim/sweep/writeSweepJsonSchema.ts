import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { sweepSchema } from "./sweepSchema.ts";

export const SWEEP_JSON_SCHEMA_PATH = fileURLToPath(
  new URL("../../sweeps/sweep.schema.json", import.meta.url),
);

/** The JSON Schema editors use to check sweep YAML, generated from the zod schema (input side). */
export function sweepJsonSchemaText(): string {
  const schema = z.toJSONSchema(sweepSchema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ title: "Crucible sweep", ...schema }, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(SWEEP_JSON_SCHEMA_PATH, sweepJsonSchemaText());
  console.log(`wrote ${SWEEP_JSON_SCHEMA_PATH}`);
}
