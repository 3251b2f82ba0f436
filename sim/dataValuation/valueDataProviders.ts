import { simulateRun } from "../engine/simulateRun.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { prepareRun } from "../prepareRun.ts";
import { startMemorySession } from "../protocol/memory/startMemorySession.ts";
import { createRng } from "../rng/createRng.ts";
import type { RunTables } from "../run/runTables.ts";
import { shapleyByPermutation } from "./shapleyByPermutation.ts";

export interface ProviderValue {
  provider: string;
  quality: string;
  /** What the market paid it in the full run (tokens). */
  revenue: number;
  sales: number;
  /** Its buyers' total reward in the full run minus theirs in the run without its listings (tokens). */
  looBuyersReward: number;
  /** Mean final held-out accuracy of all miners, full run minus the run without it. */
  looAccuracy: number;
  /** Monte-Carlo Shapley value on the miners' mean final held-out accuracy. */
  shapleyAccuracy: number;
}

export interface DataValuation {
  providers: ProviderValue[];
  /** Mean final held-out accuracy with every provider listed, and with none. */
  accuracyAll: number;
  accuracyNone: number;
  /** Distinct runs made (one per coalition of listed providers). */
  runs: number;
}

interface CoalitionRun {
  meanAccuracy: number;
  rewards: Map<string, number>;
  tables: RunTables;
}

/**
 * Values each data provider of a data-market scenario by what its data earns, with counterfactual
 * runs on the in-memory protocol (each a whole deterministic run with some providers unlisted; their
 * shards are still cut, so every other shard is the same): leave-one-out on its buyers' rewards and
 * on the miners' mean true quality, and Monte-Carlo Shapley over providers on the same quality.
 */
export async function valueDataProviders(options: {
  scenarioPath: string;
  epochs?: number;
  permutations: number;
  log?: (line: string) => void;
}): Promise<DataValuation> {
  const base = await prepareRun({ scenarioPath: options.scenarioPath, epochs: options.epochs });
  const market = base.scenario.dataMarket;
  if (market === undefined) {
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `${options.scenarioPath}: the scenario has no dataMarket section`,
    );
  }
  const n = market.providers.length;
  const cache = new Map<string, Promise<CoalitionRun>>();
  const runWith = (listed: readonly number[]): Promise<CoalitionRun> => {
    const key = [...listed].sort((a, b) => a - b).join(",");
    let run = cache.get(key);
    if (run === undefined) {
      run = (async () => {
        const prepared = await prepareRun({
          scenarioPath: options.scenarioPath,
          epochs: options.epochs,
          overrides: {
            chain: { backend: "memory" },
            dataMarket: { providers: market.providers.map((p, i) => ({ ...p, listed: listed.includes(i) })) },
          },
        });
        const { tables } = await simulateRun(prepared, { startProtocol: startMemorySession });
        const quality = tables.dataQuality ?? [];
        const lastEpoch = Math.max(...quality.map((r) => r.epoch));
        const last = quality.filter((r) => r.epoch === lastEpoch);
        const meanAccuracy = last.reduce((s, r) => s + r.heldoutAccuracy, 0) / Math.max(1, last.length);
        options.log?.(`listed {${key}}: mean held-out accuracy ${meanAccuracy.toFixed(4)}`);
        return { meanAccuracy, rewards: new Map(tables.agents.map((a) => [a.agent, a.totalReward])), tables };
      })();
      cache.set(key, run);
    }
    return run;
  };
  const everyone = Array.from({ length: n }, (_, i) => i);
  const full = await runWith(everyone);
  const shapley = await shapleyByPermutation(
    n,
    async (coalition) => (await runWith(coalition)).meanAccuracy,
    options.permutations,
    createRng(base.scenario.seed).fork("data-valuation"),
  );
  const providers: ProviderValue[] = [];
  for (let i = 0; i < n; i++) {
    const without = await runWith(everyone.filter((j) => j !== i));
    const row = full.tables.dataProviders?.[i];
    const name = market.providers[i].name;
    const buyers = [
      ...new Set(
        (full.tables.dataPurchases ?? [])
          .filter((p) => p.provider === name && p.status === "settled")
          .map((p) => p.buyer),
      ),
    ];
    const reward = (r: CoalitionRun) => buyers.reduce((s, b) => s + (r.rewards.get(b) ?? 0), 0);
    providers.push({
      provider: name,
      quality: row?.quality ?? "",
      revenue: row?.revenue ?? 0,
      sales: row?.sales ?? 0,
      looBuyersReward: reward(full) - reward(without),
      looAccuracy: full.meanAccuracy - without.meanAccuracy,
      shapleyAccuracy: shapley.values[i],
    });
  }
  return {
    providers,
    accuracyAll: full.meanAccuracy,
    accuracyNone: (await runWith([])).meanAccuracy,
    runs: cache.size,
  };
}
