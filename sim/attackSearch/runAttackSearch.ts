import { rename } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename, dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { bootstrapMeanCi } from "../../reports/metrics/bootstrapMeanCi.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { createRng } from "../rng/createRng.ts";
import { defaultWorkers } from "../sweep/defaultWorkers.ts";
import { withinBudget } from "./attackerBudget.ts";
import { createCrossEntropy, createUniformSampler } from "./crossEntropy.ts";
import { loadSearch } from "./loadSearch.ts";
import { needsTwin } from "./objectiveValue.ts";
import { parameterImportance } from "./parameterImportance.ts";
import { searchDimensions } from "./pointToSets.ts";
import { proveBest } from "./proveBest.ts";
import { createPoolScorer } from "./scoreOnPool.ts";
import { createSearchFolder, readSearchSource } from "./searchFolder.ts";
import { runSearchLoop } from "./searchLoop.ts";
import { SearchRunPool } from "./searchRunPool.ts";
import type { Point } from "./searchSpace.ts";
import type { SearchSummary } from "./searchSummary.ts";
import { generationCost, generationsFor, halvingRungs } from "./successiveHalving.ts";
import { writeSearchOutputs } from "./writeSearchOutputs.ts";

export interface AttackSearchOptions {
  /** Folder that receives the search folder (default `runs`). */
  outDir?: string;
  /** Runs at once (default: from the cores and free memory). */
  workers?: number;
  /** Overrides the file's optimizer.method (`--optimizer random`: the baseline with the same budget). */
  method?: "cross-entropy" | "random";
  /** Overrides the file's run budget (`--runs`: the same search, shorter or longer). */
  runs?: number;
  /** Keep each run's report.html (default: removed once its tables are read). */
  keepReports?: boolean;
  /** Resume this unfinished search folder (`.<name>-….partial`): its finished runs are read, not rerun. */
  resume?: string;
  /** Progress lines. */
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface AttackSearchResult {
  dir: string;
  summary: SearchSummary;
  htmlPath: string;
}

/**
 * `crucible attack-search`: checks the search file (and every parameter's extremes against the base
 * scenario) before anything runs, then runs the optimizer with successive halving on the pool of
 * `crucible run` processes, reruns the best attack on fresh seeds, writes it as a scenario file and
 * proves that a plain `crucible run` of that file reproduces the value. Writes a search folder
 * (`.<name>-<seed>-<method>-<time>.partial` until it is complete).
 */
export async function runAttackSearch(
  file: string,
  options: AttackSearchOptions = {},
): Promise<AttackSearchResult> {
  const t0 = performance.now();
  const resumed = options.resume === undefined ? null : await readSearchSource(options.resume);
  const loaded = await loadSearch(resumed?.file ?? file);
  const { search } = loaded;
  const method = resumed?.method ?? options.method ?? search.optimizer.method;
  if (resumed !== null && resumed.text !== loaded.text)
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `${resumed.file}: changed since the search in ${options.resume} started; start a new search instead`,
    );
  const log = options.log ?? (() => {});
  const dims = searchDimensions(search.parameters);
  const rungs = halvingRungs({
    population: search.optimizer.population,
    eta: search.halving.eta,
    rungs: search.halving.rungs,
    minEpochs: search.halving.minEpochs,
    epochs: loaded.epochs,
    seeds: loaded.evaluationSeeds,
  });
  const cost = generationCost(rungs, loaded.epochs, needsTwin(search.objective) ? 2 : 1);
  const budgetRuns = resumed?.runs ?? options.runs ?? search.runs;
  if (!(budgetRuns > 0))
    throw new CrucibleError("CRUCIBLE_USAGE", `--runs: expected a positive run budget, got ${budgetRuns}`);
  const generations = generationsFor(
    budgetRuns,
    cost,
    budgetRuns === search.runs ? file : `--runs ${budgetRuns}`,
  );
  const workers = options.workers ?? defaultWorkers();
  if (!Number.isInteger(workers) || workers < 1)
    throw new CrucibleError("CRUCIBLE_USAGE", `--workers: expected a whole number ≥ 1, got ${workers}`);
  const dir =
    options.resume ?? (await createSearchFolder(options.outDir ?? "runs", loaded, method, budgetRuns));
  const pool = new SearchRunPool(
    dir,
    loaded.epochs,
    workers,
    Math.max(1, Math.floor(availableParallelism() / workers)),
    { signal: options.signal, keepReports: options.keepReports },
  );
  const scorer = createPoolScorer(loaded, pool, { invariant: loaded.invariant });
  const feasible = (point: Point) => {
    try {
      return withinBudget(scorer.resolve(point).holdings, search.budget);
    } catch {
      return false;
    }
  };
  log(
    `${generations} generations × ${search.optimizer.population} candidates, ${rungs.length} rungs (${method})`,
  );
  const sampler =
    method === "random"
      ? createUniformSampler(dims)
      : createCrossEntropy(dims, {
          smoothing: search.optimizer.smoothing,
          minSpread: search.optimizer.minSpread,
        });
  const result = await runSearchLoop({
    sampler,
    rng: createRng(search.seed).fork("search"),
    population: search.optimizer.population,
    eta: search.halving.eta,
    rungs,
    generations,
    feasible,
    score: scorer.score,
    onRung: (_c, g, rung) =>
      log(
        `generation ${g + 1}/${generations}, rung ${rung.index + 1}/${rungs.length}: ${pool.spent.toFixed(1)} runs spent`,
      ),
  });
  if (options.signal?.aborted)
    throw new CrucibleError(
      "CRUCIBLE_RUN_FAILED",
      `attack search interrupted; resume with: crucible attack-search --resume ${dir}`,
    );
  const searchSpent = pool.spent;
  const searchRuns = pool.runs;
  const searchReused = pool.reused;
  const last = rungs.length - 1;
  let best: SearchSummary["best"] = null;
  let fresh: SearchSummary["fresh"] = null;
  let proof: SearchSummary["proof"] = null;
  if (result.best !== null) {
    const b = result.best;
    const resolved = scorer.resolve(b.point);
    const onEval = await scorer.valuesOn(b.point, loaded.evaluationSeeds, loaded.epochs);
    best = {
      candidate: b.id,
      generation: b.generation,
      point: b.point,
      holdings: resolved.holdings,
      objective: b.scores[last],
      perSeed: onEval.map((v) => ({ seed: v.seed, value: v.value })),
    };
    log(
      `best: candidate ${b.id}, ${b.scores[last]}; rerunning it on ${loaded.freshSeeds.length} fresh seeds`,
    );
    const freshRuns = await scorer.valuesOn(b.point, loaded.freshSeeds, loaded.epochs);
    const values = freshRuns.filter((v) => Number.isFinite(v.value));
    if (values.length > 0) {
      const ci = bootstrapMeanCi(
        values.map((v) => v.value),
        createRng(search.seed).fork("fresh-bootstrap"),
      );
      fresh = {
        values: values.map((v) => ({ seed: v.seed, value: v.value })),
        mean: ci.estimate,
        low: ci.low,
        high: ci.high,
      };
    }
    const evidence = onEval[0];
    proof = await proveBest(
      dir,
      loaded,
      resolved,
      {
        seed: evidence.seed,
        epochs: loaded.epochs,
        value: evidence.value,
        run: evidence.run,
        twin: evidence.twin,
      },
      {
        invariant: loaded.invariant,
        signal: options.signal,
        header: [
          `The best attack found by \`crucible attack-search ${file}\` (${method}, root seed ${search.seed}).`,
          `Candidate ${b.id}: ${JSON.stringify(b.point)}`,
          `Objective (${search.objective.kind}) on seed ${evidence.seed}: ${evidence.value}; mean over the evaluation seeds ${b.scores[last]}.`,
        ],
      },
    );
  }
  const firstRung = result.candidates
    .filter((c) => c.scores[0] !== undefined)
    .map((c) => ({ point: c.point, score: c.scores[0] }));
  const summary: SearchSummary = {
    name: search.name,
    description: search.description,
    searchFile: file,
    scenario: loaded.scenarioPath,
    attacker: search.attacker,
    objective: search.objective,
    budget: search.budget,
    method,
    seed: search.seed,
    epochs: loaded.epochs,
    evaluationSeeds: loaded.evaluationSeeds,
    freshSeeds: loaded.freshSeeds,
    population: search.optimizer.population,
    rungs,
    generations,
    budgetRuns,
    spentRuns: searchSpent,
    runs: searchRuns,
    reusedRuns: searchReused,
    failedRuns: scorer.scored.filter((s) => s.status === "failed").length,
    seconds: Math.round(performance.now() - t0) / 1000,
    best,
    fresh,
    proof,
    importance: parameterImportance(dims, firstRung),
    distributions: result.distributions,
  };
  const { htmlPath } = await writeSearchOutputs(
    dir,
    summary,
    result.candidates,
    scorer,
    search.parameters,
    rungs,
  );
  const final = join(
    dirname(dir),
    basename(dir)
      .replace(/^\./, "")
      .replace(/\.partial$/, ""),
  );
  await rename(dir, final);
  return { dir: final, summary, htmlPath: htmlPath.replace(dir, final) };
}
