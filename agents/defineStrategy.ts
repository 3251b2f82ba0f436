import type { z } from "zod";

/**
 * A strategy as the registry holds it: its parameters' zod schema (every field defaulted, so the
 * plain-string form `strategy: copycat` means the defaults) and the factory that builds one agent's
 * strategy from raw parameters (parsed, defaults filled). The scenario schema turns `params` into the
 * JSON Schema fields editors show; `buildPopulation` calls it once per agent. Callable as
 * `copycatMiner({ noise: 0.1 })` too.
 */
export type StrategyEntry<S> = ((params?: unknown) => S) & {
  params: z.ZodObject;
  create(params: unknown): S;
};

export function defineStrategy<P extends z.ZodObject, S>(
  params: P,
  build: (params: z.output<P>) => S,
): StrategyEntry<S> {
  const create = (raw?: unknown) => build(params.parse(raw ?? {}));
  return Object.assign(create, { params, create });
}
