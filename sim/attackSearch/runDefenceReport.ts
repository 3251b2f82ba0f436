import { readFile, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { prepareRun } from "../prepareRun.ts";
import { createRng } from "../rng/createRng.ts";
import type { SetOverride } from "../scenario/setOverrides.ts";
import { defaultWorkers } from "../sweep/defaultWorkers.ts";
import { buildDefenceHtml } from "./buildDefenceHtml.ts";
import { candidateScenario } from "./candidateScenario.ts";
import { DEFENCES } from "./defenceCatalogue.ts";
import { type DefenceRow, type DefenceSeedRuns, defenceRows, defenceSeedValues } from "./defenceRows.ts";
import { loadSearch } from "./loadSearch.ts";
import type { SearchSource } from "./searchFolder.ts";
import { SearchRunPool } from "./searchRunPool.ts";
import type { SearchSummary } from "./searchSummary.ts";
import { rowsToCsv } from "./searchTables.ts";

export interface DefenceReportOptions {
  /** Seeds to rerun on (default: the search's fresh seeds); never its evaluation seeds. */
  seeds?: number[];
  /** Only these defences (names from the catalogue); default all. */
  only?: string[];
  workers?: number;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/** defences.json: the attack, the seeds, and the table. */
export interface DefenceReport {
  search: string;
  mechanism: string;
  attacker: string;
  point: Record<string, unknown>;
  seeds: number[];
  epochs: number;
  rows: DefenceRow[];
}

export const NO_DEFENCE = "none";

const COLUMNS: (keyof DefenceRow)[] = [
  "defence",
  "setting",
  "seeds",
  "failed",
  "gain",
  "gainLow",
  "gainHigh",
  "gainBelowZero",
  "profit",
  "profitLow",
  "profitHigh",
  "profitBelowZero",
  "honestUnderAttack",
  "honestUnderAttackChange",
  "honestWithoutAttack",
  "honestWithoutAttackChange",
  "note",
];

async function readSearchFolder(dir: string): Promise<{ summary: SearchSummary; source: SearchSource }> {
  try {
    return {
      summary: JSON.parse(await readFile(join(dir, "search.json"), "utf8")) as SearchSummary,
      source: JSON.parse(await readFile(join(dir, "source.json"), "utf8")) as SearchSource,
    };
  } catch (cause) {
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_NOT_FOUND",
      `${dir}: not a finished search folder (needs search.json and source.json)`,
      { cause },
    );
  }
}

/**
 * `crucible attack-defences <search folder>`: reruns the search's best attack, and its honest twin,
 * under each mitigation of the catalogue (`DEFENCES`) and with none, on seeds it was not tuned on,
 * and writes defences.csv, defences.json and defences.html into the search folder. Every defence's
 * scenario is checked before the first run. Runs go to the search's `runs/` (the undefended attack
 * on the fresh seeds is read back, not rerun).
 */
export async function runDefenceReport(
  dir: string,
  options: DefenceReportOptions = {},
): Promise<{ report: DefenceReport; csvPath: string; htmlPath: string }> {
  const { summary, source } = await readSearchFolder(dir);
  const loaded = await loadSearch(source.file);
  if (loaded.text !== source.text)
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `${source.file}: changed since the search in ${dir} ran; its best attack would not be the same scenario`,
    );
  if (summary.best === null)
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `${dir}: the search found no attack (search.json: best is null)`,
    );
  const seeds = options.seeds ?? summary.freshSeeds;
  const tuned = seeds.find((s) => summary.evaluationSeeds.includes(s));
  if (tuned !== undefined)
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `--seeds: ${tuned} is an evaluation seed of the search (the attack was tuned on it); use fresh seeds`,
    );
  if (seeds.length === 0) throw new CrucibleError("CRUCIBLE_USAGE", "--seeds: expected at least one seed");
  const unknown = (options.only ?? []).find((n) => !DEFENCES.some((d) => d.name === n));
  if (unknown !== undefined)
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `--only: no defence named ${unknown} (${DEFENCES.map((d) => d.name).join("|")})`,
    );
  const chosen = DEFENCES.filter((d) => options.only === undefined || options.only.includes(d.name));
  const attack = candidateScenario(loaded, summary.best.point);
  const { attacker } = loaded.search;
  // Every defence's scenario, checked (schema, strategies, mechanism parameters) before any run.
  const plans: { name: string; setting: string; skip?: string; extra: SetOverride[] }[] = [
    { name: NO_DEFENCE, setting: "as searched", extra: [] },
  ];
  for (const d of chosen) {
    const sets = d.sets(attack.scenario, attacker);
    if ("skip" in sets) {
      plans.push({ name: d.name, setting: d.setting, skip: sets.skip, extra: [] });
      continue;
    }
    for (const base of [attack.sets, attack.twinSets])
      await prepareRun({
        scenarioPath: loaded.scenarioPath,
        set: structuredClone([...base, ...sets]),
        epochs: loaded.epochs,
      }).catch((cause: unknown) => {
        throw new CrucibleError(
          "CRUCIBLE_SCENARIO_INVALID",
          `defence ${d.name} (${d.setting}) on ${join(dir, "best.yaml")}: ${(cause as Error).message}`,
          { cause },
        );
      });
    plans.push({ name: d.name, setting: d.setting, extra: sets });
  }
  const workers = options.workers ?? defaultWorkers();
  const pool = new SearchRunPool(
    dir,
    loaded.epochs,
    workers,
    Math.max(1, Math.floor(availableParallelism() / workers)),
    { signal: options.signal },
  );
  const log = options.log ?? (() => {});
  const runnable = plans.filter((p) => p.skip === undefined);
  log(`${runnable.length} settings × ${seeds.length} seeds × 2 runs (attack and honest twin)`);
  const runs: DefenceSeedRuns[] = await Promise.all(
    runnable.flatMap((p) =>
      seeds.map(async (seed) => {
        const spec = { scenarioPath: loaded.scenarioPath, seed, epochs: loaded.epochs };
        const [a, t] = await Promise.all([
          pool.run({ ...spec, sets: [...attack.sets, ...p.extra] }),
          pool.run({ ...spec, sets: [...attack.twinSets, ...p.extra] }),
        ]);
        log(`${p.name}, seed ${seed}: ${a.status}, twin ${t.status}`);
        return { defence: p.name, seed, attack: a.outcome, twin: t.outcome };
      }),
    ),
  );
  if (options.signal?.aborted)
    throw new CrucibleError("CRUCIBLE_RUN_FAILED", "defence report interrupted (its finished runs are kept)");
  const values = runs.map((r) => defenceSeedValues(r, attacker, attack.attackerAgents));
  const rows = defenceRows(
    plans,
    values,
    seeds.length,
    NO_DEFENCE,
    createRng(loaded.search.seed).fork("defence-bootstrap"),
  );
  const report: DefenceReport = {
    search: dir,
    mechanism: JSON.stringify(attack.scenario.mechanism),
    attacker,
    point: summary.best.point,
    seeds,
    epochs: loaded.epochs,
    rows,
  };
  const csvPath = join(dir, "defences.csv");
  await writeFile(csvPath, rowsToCsv(rows as unknown as Record<string, string | number | null>[], COLUMNS));
  await writeFile(join(dir, "defences.json"), `${JSON.stringify(report, null, 2)}\n`);
  const htmlPath = join(dir, "defences.html");
  await writeFile(htmlPath, buildDefenceHtml(report, summary));
  return { report, csvPath, htmlPath };
}
