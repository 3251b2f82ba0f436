import { stringify } from "yaml";

/** The resolved scenario (file, overrides and defaults applied) as YAML: what the report shows. */
export function resolvedScenarioYaml(resolved: unknown): string {
  return `# the resolved scenario: the file with overrides and every default applied\n${stringify(resolved)}`;
}
