import { basename } from "node:path";
import { networkReportHtml } from "../reports/network/networkReportHtml.ts";
import { startDtaoAnvilSession } from "./chain/dtao/startDtaoAnvilSession.ts";
import { CrucibleError } from "./errors/CrucibleError.ts";
import { ATTACKER_COLUMNS } from "./network/marketAttackers.ts";
import { type NetworkEpochRow, type NetworkLayout, runNetworkEpochs } from "./network/runNetworkEpochs.ts";
import { attackersOf, prepareNetworkRun } from "./prepareNetworkRun.ts";
import { prepareRun } from "./prepareRun.ts";
import type { DtaoDeployment, DtaoSession } from "./protocol/dtaoSession.ts";
import { taoToRao, toWad } from "./protocol/dtaoUnits.ts";
import { startDtaoMemorySession } from "./protocol/memory/dtaoMemorySession.ts";
import { createRng } from "./rng/createRng.ts";
import { NETWORK_EPOCH_COLUMNS } from "./run/networkEpochRow.ts";
import { createRunFolder, hashContents } from "./run/runFolder.ts";
import type { RunTables } from "./run/runTables.ts";
import { toCsv } from "./run/toCsv.ts";
import { executeRun, type RunScenarioOptions } from "./runScenario.ts";
import type { Scenario } from "./scenario/scenarioSchema.ts";

export interface NetworkRunResult {
  runDir: string;
  /** SHA-256 of network_epochs.csv and every subnet's resultsHash. */
  resultsHash: string;
  /** Each subnet's run: its folder (inside the network's), resultsHash and mean true miner quality. */
  subnets: { name: string; folder: string; resultsHash: string; meanMinerQuality: number }[];
  rows: NetworkEpochRow[];
}

/**
 * A network run (a scenario with `subnets:`): each subnet runs as its own scenario (its own run
 * folder, inside the network's), then the dTAO network joins them epoch by epoch over the dTAO port
 * (the DtaoNetwork contract on Anvil, or its memory twin, by `chain.backend`): emission split by EMA
 * price, stakers moving between subnets, each subnet's miners paid alpha by their incentive. Writes
 * network_epochs.csv and network.json.
 */
export async function runNetworkScenario(options: RunScenarioOptions): Promise<NetworkRunResult> {
  const top = await prepareRun(options);
  const { scenario } = top;
  if (!scenario.subnets)
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_INVALID",
      `${top.file}: subnets: a network run needs a subnets: section`,
    );
  const { subs, dtao } = await prepareNetworkRun(options, top);
  const folder = await createRunFolder(options.outDir ?? "runs", scenario.name, scenario.seed, new Date());
  try {
    const runs: { name: string; runDir: string; resultsHash: string; tables: RunTables }[] = [];
    for (const [i, sub] of subs.entries()) {
      options.log?.(`subnet ${scenario.subnets[i].name}: ${sub.scenario.task.kind}`);
      const r = await executeRun(sub, { ...options, outDir: folder.dir });
      runs.push({
        name: scenario.subnets[i].name,
        runDir: r.runDir,
        resultsHash: r.resultsHash,
        tables: r.tables,
      });
    }
    const {
      layout,
      incentive,
      agents: honestAgents,
    } = networkLayout(
      runs.map((r) => r.tables),
      dtao,
      scenario.epochs,
    );
    const attackers = attackersOf(scenario, dtao, honestAgents, top.file);
    const agents = honestAgents + attackers.length;
    // Owners hold their lock (each registration doubles it), validators and stakers their TAO.
    const genesis = Array.from({ length: agents }, (_, a) => {
      if (a < runs.length) return taoToRao(dtao.minLock * 2 ** a);
      if (layout.stakers.includes(a)) return taoToRao(dtao.stakers.tao);
      if (a >= honestAgents) return attackers[a - honestAgents].tao;
      return layout.validators.some((vs) => vs.some((v) => v.agent === a)) ? taoToRao(dtao.validatorTao) : 0n;
    });
    const deployment: DtaoDeployment = {
      seed: scenario.seed,
      agents,
      genesisTao: genesis,
      params: {
        taoWeight: toWad(dtao.taoWeight),
        movingAlpha: toWad(dtao.movingAlpha),
        emaHalvingBlocks: BigInt(dtao.emaHalvingBlocks),
        feeRate: BigInt(dtao.feeRate),
        ownerCut: BigInt(dtao.ownerCut),
        minLock: taoToRao(dtao.minLock),
        lockReductionInterval: BigInt(dtao.lockReductionInterval),
        subnetLimit: BigInt(runs.length),
      },
    };
    const session: DtaoSession = await (scenario.chain.backend === "anvil"
      ? startDtaoAnvilSession(deployment)
      : startDtaoMemorySession(deployment));
    let result: Awaited<ReturnType<typeof runNetworkEpochs>>;
    try {
      result = await runNetworkEpochs({
        session,
        layout,
        epochs: scenario.epochs,
        tempo: dtao.tempo,
        inertia: dtao.stakers.inertia,
        switchCost: dtao.stakers.switchCost,
        yieldMemory: dtao.stakers.yieldMemory,
        minerSellFraction: dtao.minerSellFraction,
        rng: createRng(scenario.seed).fork("network-stakers"),
        incentive,
        attackers,
      });
    } finally {
      await session.stop();
    }
    const { rows } = result;
    const csv = toCsv(rows, NETWORK_EPOCH_COLUMNS);
    const attackCsv = toCsv(result.attackers, ATTACKER_COLUMNS);
    const resultsHash = hashContents([
      ["network_epochs.csv", csv],
      ["network_attackers.csv", attackCsv],
      ...runs.map((r) => [r.name, r.resultsHash] as [string, string]),
    ]);
    const subnets = runs.map((r) => ({
      name: r.name,
      folder: basename(r.runDir),
      resultsHash: r.resultsHash,
      meanMinerQuality: mean(r.tables.agents.filter((a) => a.role === "miner").map((a) => a.trueQuality)),
    }));
    await folder.write("network_epochs.csv", csv);
    if (attackers.length > 0) await folder.write("network_attackers.csv", attackCsv);
    await folder.write("network.json", `${JSON.stringify({ resultsHash, subnets }, null, 2)}\n`);
    await folder.write(
      "network.html",
      networkReportHtml(
        `${scenario.name} (seed ${scenario.seed}): network`,
        rows,
        subnets.map((s) => ({ ...s, runFolder: s.folder })),
      ),
    );
    const runDir = await folder.complete();
    return { runDir, resultsHash, subnets, rows };
  } catch (error) {
    await folder.fail(error).catch(() => undefined);
    throw error;
  }
}

function mean(x: number[]): number {
  return x.length === 0 ? Number.NaN : x.reduce((a, b) => a + b, 0) / x.length;
}

/**
 * Network agents: one owner per subnet, then each subnet's validators and miners (by agent name,
 * from its agents table), then the stakers. Each subnet's incentive per epoch comes from its
 * agent_epochs table (miners in the layout's order; a miner without a row that epoch gets 0).
 */
function networkLayout(
  tables: readonly RunTables[],
  dtao: NonNullable<Scenario["dtao"]>,
  epochs: number,
): { layout: NetworkLayout; incentive: (subnet: number, epoch: number) => bigint[]; agents: number } {
  let next = tables.length;
  const owners = tables.map((_, i) => i);
  const validators = tables.map((t) =>
    t.agents
      .filter((a) => a.role === "validator")
      .map(() => ({ agent: next++, tao: taoToRao(dtao.validatorTao) })),
  );
  const minerNames = tables.map((t) => t.agents.filter((a) => a.role === "miner").map((a) => a.agent));
  const miners = minerNames.map((names) => names.map(() => next++));
  const stakers = Array.from({ length: dtao.stakers.count }, () => next++);
  const byEpoch = tables.map((t, i) => {
    const perEpoch: bigint[][] = Array.from({ length: epochs }, () => minerNames[i].map(() => 0n));
    const index = new Map(minerNames[i].map((n, j) => [n, j]));
    for (const r of t.agentEpochs) {
      const j = index.get(r.agent);
      if (r.role === "miner" && j !== undefined && r.epoch < epochs)
        perEpoch[r.epoch][j] = taoToRao(r.incentive);
    }
    return perEpoch;
  });
  return {
    layout: { owners, validators, miners, stakers },
    incentive: (subnet, epoch) => byEpoch[subnet][epoch],
    agents: next,
  };
}
