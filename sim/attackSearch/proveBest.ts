import { readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Invariant } from "../invariants/invariantAst.ts";
import { readRunFolder } from "../run/readRunFolder.ts";
import { runCrucibleProcess } from "../sweep/runCrucibleProcess.ts";
import { bestScenarioYaml } from "./bestScenarioYaml.ts";
import type { CandidateScenario, SearchBase } from "./candidateScenario.ts";
import { objectiveValue } from "./objectiveValue.ts";
import type { SearchRun } from "./searchRunPool.ts";
import type { SearchProof } from "./searchSummary.ts";

/**
 * Writes the best attack as `best.yaml` in the search folder and runs it on its own with
 * `crucible run` (no `--set`, no `--seed`: the file says everything), then compares: the same
 * results hash as the search's run of that candidate on that seed, and the same objective value
 * (computed from the rerun's tables; the honest twin, where the objective needs one, is the
 * search's own twin run of that seed).
 */
export async function proveBest(
  dir: string,
  base: SearchBase,
  best: CandidateScenario,
  evidence: { seed: number; epochs: number; value: number; run: SearchRun; twin: SearchRun | null },
  context: { invariant?: Invariant; header: readonly string[]; signal?: AbortSignal },
): Promise<SearchProof> {
  const scenarioFile = join(dir, "best.yaml");
  await writeFile(
    scenarioFile,
    bestScenarioYaml(base.scenarioText, best.sets, {
      epochs: evidence.epochs,
      seed: evidence.seed,
      header: context.header,
    }),
  );
  const out = join(dir, "proof");
  const child = await runCrucibleProcess(
    ["run", scenarioFile, "--out", out, "--quiet", "--no-charts"],
    out,
    context.signal,
  );
  const command = `crucible run ${relative(process.cwd(), scenarioFile)}`;
  const search = {
    runDir: evidence.run.runDir,
    resultsHash: evidence.run.resultsHash,
    value: evidence.value,
  };
  if (child.status !== "complete" || child.runDir === null)
    return {
      command,
      seed: evidence.seed,
      scenarioFile: "best.yaml",
      search,
      rerun: { runDir: null, resultsHash: null, value: null, error: child.error },
      reproduced: false,
    };
  const folder = await readRunFolder(child.runDir);
  const summary = JSON.parse(await readFile(join(child.runDir, "summary.json"), "utf8")) as Record<
    string,
    number | null
  >;
  const value = objectiveValue(
    base.search.objective,
    { attacker: base.search.attacker, attackerAgents: best.attackerAgents, invariant: context.invariant },
    { agents: folder.tables.agents, operators: folder.tables.operators, summary },
    evidence.twin?.outcome ?? undefined,
  );
  const resultsHash = typeof folder.manifest.resultsHash === "string" ? folder.manifest.resultsHash : null;
  return {
    command,
    seed: evidence.seed,
    scenarioFile: "best.yaml",
    search,
    rerun: { runDir: relative(dir, child.runDir), resultsHash, value, error: null },
    reproduced: resultsHash !== null && resultsHash === evidence.run.resultsHash && value === evidence.value,
  };
}
