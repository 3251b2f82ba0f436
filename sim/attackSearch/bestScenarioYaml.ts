import { parse, stringify } from "yaml";
import { applySetOverrides, type SetOverride } from "../scenario/setOverrides.ts";

/**
 * The best attack as a scenario file that `crucible run` takes as it is: the base scenario's fields
 * with the search's fixed fields and the candidate's values written in, the full length and the
 * first evaluation seed, under a header saying where it came from and what it should give. Pure.
 */
export function bestScenarioYaml(
  baseText: string,
  sets: readonly SetOverride[],
  o: { epochs: number; seed: number; header: readonly string[] },
): string {
  const raw = (parse(baseText) ?? {}) as Record<string, unknown>;
  const merged = applySetOverrides(raw, [
    ...sets,
    { path: "epochs", value: o.epochs },
    { path: "seed", value: o.seed },
  ]);
  delete merged.$schema;
  return `${o.header.map((l) => `# ${l}`).join("\n")}\n${stringify(merged, { lineWidth: 0 })}`;
}
