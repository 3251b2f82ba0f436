import { Document, isMap, isPair, isScalar, isSeq, type Node } from "yaml";
import { z } from "zod";
import { parseScenario } from "./loadScenario.ts";
import { dtaoSchema } from "./networkSchema.ts";
import { scenarioSchema } from "./scenarioSchema.ts";

/** The starting point `crucible init` writes: the quickstart's question, every other field at its default. */
const STARTER = `name: my-scenario
description: Honest miners of four quality tiers; does the reward follow the quality?
seed: 42
epochs: 20
task: { kind: digits }
population:
  miners:
    - { tier: expert, count: 4 }
    - { tier: average, count: 4 }
    - { tier: poor, count: 4 }
    - { tier: random, count: 4 }
  validators:
    - { count: 1, stake: 4000 }
    - { count: 3, stake: 1000 }
`;

type JsonSchema = {
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

/**
 * A complete scenario, every field written out at its resolved default, each with the schema's own
 * description as a comment above it: generated from the zod schema, so it never drifts from it.
 */
export function annotatedScenarioYaml(): string {
  const resolved = parseScenario(STARTER, "crucible init");
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const doc = new Document(resolved);
  annotate(doc.contents as Node, schema);
  const header = [
    "# A Crucible scenario, written by `crucible init`: every field at its default, each explained above it.",
    "# Run it with `crucible run <this file>`; check it with `crucible validate <this file>`.",
  ].join("\n");
  return `${header}\n${doc.toString({ lineWidth: 110 })}${networkSections(schema)}`;
}

/** A network's sections (issue 21), optional and without defaults, so `resolved` has none. */
const NETWORK_EXAMPLE = `subnets:
  - name: experts
    population: { miners: [{ tier: expert, count: 8 }] }
  - name: weak
    population: { miners: [{ tier: poor, count: 4 }, { tier: random, count: 4 }] }
`;

/**
 * `subnets:` and `dtao:` as comments (the scenario stays one subnet): an example network and every
 * `dtao:` field at its default, each explained; uncommented, the file is a network scenario.
 */
function networkSections(schema: JsonSchema): string {
  const resolved = parseScenario(`${STARTER}${NETWORK_EXAMPLE}`, "crucible init");
  const doc = new Document({ subnets: resolved.subnets, dtao: dtaoSchema.parse({}) });
  annotate(doc.contents as Node, schema);
  const lines = doc
    .toString({ lineWidth: 106 })
    .trimEnd()
    .split("\n")
    .map((l) => `# ${l}`);
  return [
    "",
    "# A network of subnets under dynamic TAO (docs/dtao.md). Remove the first `# ` of each line below to",
    "# run each subnet as its own scenario (the fields above, each subnet's replaced) joined by the dTAO economy.",
    ...lines,
    "",
  ].join("\n");
}

function annotate(node: Node | null, schema: JsonSchema | undefined): void {
  if (node === null || schema === undefined) return;
  const s = unwrap(schema);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const child = s.properties?.[String(pair.key.value)];
      const description = child === undefined ? undefined : describe(child);
      if (description !== undefined) pair.key.commentBefore = ` ${description}`;
      annotate(pair.value as Node, child);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) annotate(item as Node, s.items);
  }
}

/** The branch of a union that has properties or items (an optional field is `anyOf [T, null]`). */
function unwrap(schema: JsonSchema): JsonSchema {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches === undefined) return schema;
  return branches.find((b) => b.properties !== undefined || b.items !== undefined) ?? schema;
}

function describe(schema: JsonSchema): string | undefined {
  return schema.description ?? unwrap(schema).description;
}
