import { mkdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { networkReportHtml } from "../reports/network/networkReportHtml.ts";
import { startDtaoAnvilSession } from "./chain/dtao/startDtaoAnvilSession.ts";
import type { YumaStakeSource } from "./engine/yumaStake.ts";
import { CrucibleError } from "./errors/CrucibleError.ts";
import { compareTwin, type TwinSubnet } from "./network/honestTwin.ts";
import { ATTACKER_COLUMNS, type NetworkAttacker } from "./network/marketAttackers.ts";
import { type NetworkEpochRow, type NetworkLayout, runNetworkEpochs } from "./network/runNetworkEpochs.ts";
import { createStakeFeedback } from "./network/stakeFeedback.ts";
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
import { executeRun, type PreparedRun, type RunResult, type RunScenarioOptions } from "./runScenario.ts";
import type { Scenario } from "./scenario/scenarioSchema.ts";

export interface NetworkRunResult {
  runDir: string;
  /** SHA-256 of network_epochs.csv and every subnet's resultsHash. */
  resultsHash: string;
  /** Each subnet's run: its folder (inside the network's), resultsHash and mean true miner quality. */
  subnets: { name: string; folder: string; resultsHash: string; meanMinerQuality: number }[];
  rows: NetworkEpochRow[];
  /** With attackers: the honest twin's rows (the same network without them) and each subnet's
   * emission against it. */
  twin?: { rows: NetworkEpochRow[]; compared: TwinSubnet[] };
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
    const names = scenario.subnets.map((s) => s.name);
    const { layout, agents: honestAgents } = networkLayout(subs, dtao);
    const attackers = attackersOf(scenario, dtao, honestAgents, top.file);
    const agents = honestAgents + attackers.length;
    // Owners hold their lock (each registration doubles it), validators and stakers their TAO.
    const validatorTao = new Map(layout.validators.flat().map((v) => [v.agent, v.tao]));
    const genesis = Array.from({ length: agents }, (_, a) => {
      if (a < subs.length) return taoToRao(dtao.minLock * 2 ** a);
      if (layout.stakers.includes(a)) return taoToRao(dtao.stakers.tao);
      if (a >= honestAgents) return attackers[a - honestAgents].tao;
      return validatorTao.get(a) ?? 0n;
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
        subnetLimit: BigInt(subs.length),
      },
    };
    const runSubnet = (i: number, outDir: string, network?: YumaStakeSource) => {
      options.log?.(`subnet ${names[i]}: ${subs[i].scenario.task.kind}`);
      return executeRun(subs[i], { ...options, outDir, ...(network ? { network } : {}) });
    };
    /** The network with these attackers (none: the honest twin, whose deployment holds no attacker
     * agents); `reuse`: subnets' runs that do not depend on the network (no stake feedback). */
    const playNetwork = async (
      withAttackers: readonly NetworkAttacker[],
      subnetDir: string,
      reuse?: RunResult[],
    ): Promise<{ runs: RunResult[]; result: Awaited<ReturnType<typeof runNetworkEpochs>> }> => {
      const twin = withAttackers.length < attackers.length;
      const networkOptions = {
        layout,
        epochs: scenario.epochs,
        tempo: dtao.tempo,
        inertia: dtao.stakers.inertia,
        switchCost: dtao.stakers.switchCost,
        yieldMemory: dtao.stakers.yieldMemory,
        minerSellFraction: dtao.minerSellFraction,
        feeRate: deployment.params.feeRate,
        rng: createRng(scenario.seed).fork("network-stakers"),
        attackers: withAttackers,
      };
      const session = await startDtao(
        scenario,
        twin
          ? { ...deployment, agents: honestAgents, genesisTao: genesis.slice(0, honestAgents) }
          : deployment,
      );
      try {
        if (!dtao.stakeFeedback) {
          // Each subnet to its end, then the network over their incentive tables.
          let runs = reuse;
          if (runs === undefined) {
            runs = [];
            for (const i of subs.keys()) runs.push(await runSubnet(i, subnetDir));
          }
          const incentive = incentiveTables(
            runs.map((r) => r.tables),
            subs,
            scenario.epochs,
          );
          return { runs, result: await runNetworkEpochs({ ...networkOptions, session, incentive }) };
        }
        // Stake feedback: the subnets run beside the network, epoch by epoch in lockstep.
        const feedback = createStakeFeedback(
          layout,
          subs.map((s) => [...s.population.validators, ...s.population.miners].map((a) => a.agent)),
          scenario.epochs,
        );
        const failing = <T>(p: Promise<T>) =>
          p.catch((error) => {
            feedback.fail(error);
            throw error;
          });
        const settled = await Promise.allSettled([
          failing(
            runNetworkEpochs({ ...networkOptions, session, incentive: () => [], feedback: feedback.network }),
          ),
          ...subs.map((_, i) => failing(runSubnet(i, subnetDir, feedback.subnets[i]))),
        ]);
        const failed = settled.find((r) => r.status === "rejected");
        if (failed !== undefined) throw failed.reason;
        const [net, ...subRuns] = settled.map((r) => (r as PromiseFulfilledResult<unknown>).value);
        return { runs: subRuns as RunResult[], result: net as Awaited<ReturnType<typeof runNetworkEpochs>> };
      } finally {
        await session.stop();
      }
    };
    const { runs, result } = await playNetwork(attackers, folder.dir);
    // With attackers, the honest twin: the same network without them (with stake feedback its
    // subnets run again, in honest-twin/, since their stake follows the network).
    let twin: { rows: NetworkEpochRow[]; compared: TwinSubnet[] } | undefined;
    if (attackers.length > 0) {
      options.log?.("honest twin: the network without its attackers");
      const twinDir = join(folder.dir, "honest-twin");
      if (dtao.stakeFeedback) await mkdir(twinDir);
      const played = await playNetwork([], twinDir, dtao.stakeFeedback ? undefined : runs);
      twin = { rows: played.result.rows, compared: compareTwin(names, result.rows, played.result.rows) };
    }
    const { rows } = result;
    const csv = toCsv(rows, NETWORK_EPOCH_COLUMNS);
    const attackCsv = toCsv(result.attackers, ATTACKER_COLUMNS);
    const twinCsv = twin === undefined ? "" : toCsv(twin.rows, NETWORK_EPOCH_COLUMNS);
    const resultsHash = hashContents([
      ["network_epochs.csv", csv],
      ["network_attackers.csv", attackCsv],
      ...(twin === undefined ? [] : [["network_twin_epochs.csv", twinCsv] as [string, string]]),
      ...runs.map((r, i) => [names[i], r.resultsHash] as [string, string]),
    ]);
    const subnets = runs.map((r, i) => ({
      name: names[i],
      folder: basename(r.runDir),
      resultsHash: r.resultsHash,
      meanMinerQuality: mean(r.tables.agents.filter((a) => a.role === "miner").map((a) => a.trueQuality)),
    }));
    await folder.write("network_epochs.csv", csv);
    if (attackers.length > 0) await folder.write("network_attackers.csv", attackCsv);
    if (twin !== undefined) await folder.write("network_twin_epochs.csv", twinCsv);
    const json =
      twin === undefined ? { resultsHash, subnets } : { resultsHash, subnets, honestTwin: twin.compared };
    await folder.write("network.json", `${JSON.stringify(json, null, 2)}\n`);
    await folder.write(
      "network.html",
      networkReportHtml(
        `${scenario.name} (seed ${scenario.seed}): network`,
        rows,
        subnets.map((s) => ({ ...s, runFolder: s.folder })),
        twin?.compared,
      ),
    );
    const runDir = await folder.complete();
    return { runDir, resultsHash, subnets, rows, ...(twin === undefined ? {} : { twin }) };
  } catch (error) {
    await folder.fail(error).catch(() => undefined);
    throw error;
  }
}

function mean(x: number[]): number {
  return x.length === 0 ? Number.NaN : x.reduce((a, b) => a + b, 0) / x.length;
}

function startDtao(scenario: Scenario, deployment: DtaoDeployment): Promise<DtaoSession> {
  return scenario.chain.backend === "anvil"
    ? startDtaoAnvilSession(deployment)
    : startDtaoMemorySession(deployment);
}

/**
 * Network agents: one owner per subnet, then each subnet's validators and miners (by slot, as in
 * its agents table), then the stakers. Validators stake `validatorTao` each; with stake feedback,
 * scaled by their scenario stake over their subnet's mean validator stake.
 */
function networkLayout(
  subs: readonly PreparedRun[],
  dtao: NonNullable<Scenario["dtao"]>,
): { layout: NetworkLayout; agents: number } {
  let next = subs.length;
  const owners = subs.map((_, i) => i);
  const validators = subs.map(({ population: { validators: vs } }) => {
    const meanStake = vs.reduce((s, v) => s + v.stake, 0) / Math.max(vs.length, 1);
    return vs.map((v) => ({
      agent: next++,
      tao: taoToRao(
        dtao.stakeFeedback && meanStake > 0 ? (dtao.validatorTao * v.stake) / meanStake : dtao.validatorTao,
      ),
    }));
  });
  const miners = subs.map((s) => s.population.miners.map(() => next++));
  const stakers = Array.from({ length: dtao.stakers.count }, () => next++);
  return { layout: { owners, validators, miners, stakers }, agents: next };
}

/** Each subnet's miners' incentive per epoch from its agent_epochs table (miners in slot order; a
 * miner without a row that epoch gets 0). */
function incentiveTables(
  tables: readonly RunTables[],
  subs: readonly PreparedRun[],
  epochs: number,
): (subnet: number, epoch: number) => bigint[] {
  const byEpoch = tables.map((t, i) => {
    const minerNames = subs[i].population.miners.map((m) => m.agent);
    const perEpoch: bigint[][] = Array.from({ length: epochs }, () => minerNames.map(() => 0n));
    const index = new Map(minerNames.map((n, j) => [n, j]));
    for (const r of t.agentEpochs) {
      const j = index.get(r.agent);
      if (r.role === "miner" && j !== undefined && r.epoch < epochs)
        perEpoch[r.epoch][j] = taoToRao(r.incentive);
    }
    return perEpoch;
  });
  return (subnet, epoch) => byEpoch[subnet][epoch];
}
