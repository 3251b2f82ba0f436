import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { searchSchema } from "./searchSchema.ts";

export const SEARCH_JSON_SCHEMA_PATH = fileURLToPath(
  new URL("../../sweeps/attack-search.schema.json", import.meta.url),
);

/** The JSON Schema editors use to check attack-search YAML, generated from the zod schema (input side). */
export function searchJsonSchemaText(): string {
  const schema = z.toJSONSchema(searchSchema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ title: "Crucible attack search", ...schema }, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(SEARCH_JSON_SCHEMA_PATH, searchJsonSchemaText());
  console.log(`wrote ${SEARCH_JSON_SCHEMA_PATH}`);
}
