/**
 * Scores hand-written attacks with an attack search's own objective, base scenario and pool, on
 * given seeds: the reference an optimizer's best is compared with (scenarios/attack-search/README.md).
 * Each point names the search's parameters (a strategy choice by its label); the budget is checked.
 *
 *   npx tsx notebooks/attackSearchReference.ts scenarios/attack-search/yuma3.search.yaml \
 *     --seeds 101,102,103,104,105,106 --point copycat='{"validators":1,"stake":10,...}' [--point ...]
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { bootstrapMeanCi } from "../reports/metrics/bootstrapMeanCi.ts";
import { withinBudget } from "../sim/attackSearch/attackerBudget.ts";
import { loadSearch } from "../sim/attackSearch/loadSearch.ts";
import { createPoolScorer } from "../sim/attackSearch/scoreOnPool.ts";
import { SearchRunPool } from "../sim/attackSearch/searchRunPool.ts";
import type { Point } from "../sim/attackSearch/searchSpace.ts";
import { createRng } from "../sim/rng/createRng.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seeds: { type: "string", default: "101,102,103,104,105,106" },
    point: { type: "string", multiple: true, default: [] },
    workers: { type: "string", default: "2" },
  },
});
const loaded = await loadSearch(positionals[0]);
const seeds = values.seeds.split(",").map(Number);
const dir = await mkdtemp(join(tmpdir(), "crucible-attack-reference-"));
const pool = new SearchRunPool(dir, loaded.epochs, Number(values.workers), 1);
const scorer = createPoolScorer(loaded, pool, { invariant: loaded.invariant });
for (const spec of values.point) {
  const eq = spec.indexOf("=");
  const label = spec.slice(0, eq);
  const point = JSON.parse(spec.slice(eq + 1)) as Point;
  const { holdings } = scorer.resolve(point);
  const runs = await scorer.valuesOn(point, seeds, loaded.epochs);
  const v = runs.map((r) => r.value);
  const ci = bootstrapMeanCi(v, createRng(loaded.search.seed).fork("fresh-bootstrap"));
  console.log(
    JSON.stringify({
      label,
      point,
      holdings,
      withinBudget: withinBudget(holdings, loaded.search.budget),
      seeds,
      values: v,
      mean: ci.estimate,
      low: ci.low,
      high: ci.high,
    }),
  );
}
