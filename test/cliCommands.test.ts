import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { annotatedScenarioYaml } from "../sim/scenario/annotatedScenario.ts";
import { parseScenario } from "../sim/scenario/loadScenario.ts";
import { dtaoSchema } from "../sim/scenario/networkSchema.ts";

const ROOT = join(import.meta.dirname, "..");
const cli = (args: string[], cwd = ROOT) =>
  execa(process.execPath, [join(ROOT, "bin", "crucible.mjs"), ...args], {
    cwd,
    reject: false,
    timeout: 60_000,
  });

describe("the crucible CLI's own commands and flags", () => {
  it("--version and -V print the package version; -h prints commands and examples", async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8"));
    for (const flag of ["--version", "-V"]) {
      const r = await cli([flag]);
      expect(r.exitCode).toBe(0);
      expect(r.stdout.trim()).toBe(version);
    }
    const help = await cli(["-h"]);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/crucible validate <files\.\.>/);
    expect(help.stdout).toMatch(/Examples:\n\s+crucible run scenarios\/quickstart\.yaml/);
  });

  it("labels a usage error CRUCIBLE_USAGE, not a scenario error", async () => {
    const r = await cli(["runn", "scenarios/quickstart.yaml"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: Unknown argument/);
    expect(r.stderr).toContain("(CRUCIBLE_USAGE)");
  });

  it("validate: one line per good file, exit 1 naming the bad one, --json verdicts", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-validate-"));
    const bad = join(dir, "bad.yaml");
    await writeFile(bad, "name: x\nepochs: -1\n");
    const good = await cli(["validate", "scenarios/quickstart.yaml", "scenarios/slashing.yaml"]);
    expect(good.exitCode).toBe(0);
    expect(good.stdout.split("\n")).toEqual([
      "ok   scenarios/quickstart.yaml: quickstart, 16 miners, 4 validators, 20 epochs, yuma on anvil",
      "ok   scenarios/slashing.yaml: slashing, 12 miners, 4 validators, 20 epochs, yuma on anvil",
    ]);
    const mixed = await cli(["validate", "scenarios/quickstart.yaml", bad, "--json"]);
    expect(mixed.exitCode).toBe(1);
    const verdicts = mixed.stdout.split("\n").map((l) => JSON.parse(l));
    expect(verdicts.map((v) => [v.file, v.ok])).toEqual([
      ["scenarios/quickstart.yaml", true],
      [bad, false],
    ]);
    expect(verdicts[1].error.code).toBe("CRUCIBLE_SCENARIO_INVALID");
    expect(verdicts[1].error.details).toContain(`${bad}: epochs: Too small`);
    expect(mixed.stderr).toContain(`1 of 2 scenario files invalid: ${bad}`);
  });

  it("init writes an annotated scenario that validates, and will not overwrite it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-init-"));
    const first = await cli(["init", "mine.yaml"], dir);
    expect(first.exitCode).toBe(0);
    const text = await readFile(join(dir, "mine.yaml"), "utf8");
    expect(text).toContain("# root seed: same scenario + seed → same result tables\nseed: 42");
    expect((await cli(["validate", join(dir, "mine.yaml")])).exitCode).toBe(0);
    const again = await cli(["init", "mine.yaml"], dir);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain("mine.yaml: already exists (use --force to overwrite)");
    expect(await readFile(join(dir, "mine.yaml"), "utf8")).toBe(text);
  });

  it("the annotated scenario writes every field out: the file as written equals its resolved form", () => {
    const text = annotatedScenarioYaml();
    // nothing is left to a default: the raw YAML already holds every resolved field and value
    expect(parse(text)).toEqual(parseScenario(text, "init.yaml"));
  });

  it("the annotated scenario lists subnets: and dtao: as comments; uncommented, it is a network at dtao's defaults", () => {
    const text = annotatedScenarioYaml();
    const [single, network] = text.split("# A network of subnets under dynamic TAO");
    expect(parseScenario(single, "init.yaml").subnets).toBeUndefined();
    expect(network).toContain("#   # TAO each validator stakes into its own subnet before the first epoch");
    const uncommented = network
      .split("\n")
      .filter((l) => l.startsWith("# ") && !l.startsWith("# A network") && !l.includes("dTAO economy."))
      .map((l) => l.slice(2))
      .join("\n");
    const resolved = parseScenario(`${single}${uncommented}\n`, "init.yaml");
    expect(resolved.subnets?.map((s) => s.name)).toEqual(["experts", "weak"]);
    expect(resolved.dtao).toEqual(dtaoSchema.parse({}));
    expect(Object.keys(resolved.dtao ?? {})).toContain("stakeFeedback");
  });
});
