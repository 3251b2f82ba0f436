import { z } from "zod";
import type { StrategyEntry } from "../../agents/defineStrategy.ts";
import { minerStrategies, validatorStrategies } from "../../agents/registry.ts";

/**
 * A group's strategy: a name from the agent registry (its parameters at their defaults, exactly as
 * before parameters existed), or `{ name, params }` with the parameters that strategy's own zod
 * schema accepts (so editors see each strategy's fields, and a bad one is named by its path).
 */
function strategySpec(registry: Record<string, StrategyEntry<unknown>>) {
  const forms = Object.entries(registry).map(([name, entry]) =>
    z.strictObject({ name: z.literal(name), params: entry.params.prefault({}) }),
  );
  return z
    .union([
      z.string().min(1),
      z.discriminatedUnion("name", forms as [(typeof forms)[number], ...(typeof forms)[number][]]),
    ])
    .default("honest")
    .describe("agent strategy: a name from the agent registry, or { name, params }");
}

export const minerStrategySpec = strategySpec(minerStrategies);
export const validatorStrategySpec = strategySpec(validatorStrategies);

export type StrategySpec = z.output<typeof minerStrategySpec>;

/** The strategy's name and raw parameters, whichever form the scenario wrote. */
export function strategyNameAndParams(spec: StrategySpec | string): { name: string; params: unknown } {
  return typeof spec === "string" ? { name: spec, params: {} } : { name: spec.name, params: spec.params };
}
