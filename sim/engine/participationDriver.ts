import {
  expectedBurn,
  expectedEntryProfit,
  minerDilution,
  nextLossStreak,
  shouldExit,
  stakeDilution,
} from "../../agents/entryDecision.ts";
import { stoppedMiner } from "../../agents/stoppedMiner.ts";
import { stoppedValidator } from "../../agents/stoppedValidator.ts";
import type { Address } from "../protocol/protocolTypes.ts";
import { toTokens } from "../protocol/tokenUnits.ts";
import type { Rng } from "../rng/createRng.ts";
import type { AgentEpochRow, EpochRow, ParticipationRow } from "../run/runTables.ts";
import { MINER_TIER_NAMES } from "../scenario/minerTiers.ts";
import type { ParticipationScenario } from "../scenario/participationSchema.ts";
import type { AgentCosts } from "./agentRows.ts";
import {
  type MinerSpec,
  type Population,
  PROSPECT_JOIN_EPOCH,
  type ValidatorSpec,
} from "./buildPopulation.ts";
import { createLeavingValidators } from "./leavingValidators.ts";
import type { UidMap } from "./populationView.ts";
import type { RegistrationLedger } from "./registrationDriver.ts";

export interface ParticipationSetup {
  config: ParticipationScenario;
  /** The full population: an agent that leaves gets a stopped strategy in place. */
  population: Population;
  ledger: RegistrationLedger;
  costs: AgentCosts;
  flopsPerQuery: (tier: string) => number;
  /** The registration price curve in tokens and epochs (`protocol.registration`). */
  curve: { increase: number; halfLifeEpochs: number; minBurn: number; maxBurn: number };
  /** UIDs the subnet holds. */
  maxUids: number;
  /** `rng.fork("participation")`: the order in which prospects consider entering each epoch. */
  rng: Rng;
  /** Each agent's account (by slot), and the unstaking cooldown: validators that leave unstake. */
  addressOf: readonly Address[];
  cooldownEpochs: number;
}

/**
 * Open participation (issue 27, a scenario's `participation:` section): before each epoch, the
 * prospects (in an order drawn with the run's `participation` stream) register while their expected
 * profit over the horizon is positive (`agents/entryDecision.ts`); after each epoch, every serving
 * miner's and validator's own profit updates its loss streak, and one that lost `exitAfterEpochs`
 * epochs in a row stops serving (a validator also unstakes: `leavingValidators.ts`). It keeps its
 * UID (the contracts have no deregistration) until a registration prunes it. Writes
 * participation.csv's rows; writes nothing else.
 */
export function createParticipationDriver(setup: ParticipationSetup) {
  const { config, population, ledger, costs, curve } = setup;
  const minerBySlot = new Map(population.miners.map((m, i) => [m.slot, i]));
  const validatorBySlot = new Map(population.validators.map((v) => [v.slot, v]));
  const waiting = [...population.validators, ...population.miners]
    .filter((a) => a.joinEpoch === PROSPECT_JOIN_EPOCH)
    .map((a) => a.slot);
  /** Validators that left unstake, then withdraw after the cooldown. */
  const leavingValidators = createLeavingValidators({
    addressOf: setup.addressOf,
    cooldownEpochs: setup.cooldownEpochs,
    agentOf: (slot) => (validatorBySlot.get(slot) as ValidatorSpec).agent,
  });
  /** Per past epoch: serving validators' mean reward per token of their own stake. */
  const validatorYields: number[] = [];
  let servingStake = 0;
  const stopped = new Set<number>();
  const streak = new Map<number, number>();
  /** Each serving miner's own (reward, profit) over its latest exitAfterEpochs epochs. */
  const ownRecent = new Map<number, { reward: number; profit: number }[]>();
  /** Per past epoch: mean reward of serving miners by tier. */
  const history: Map<string, number>[] = [];
  let queriesPerMiner = 0;
  let lastBurn = { paid: 0, epoch: 0 };
  let burnedBefore = [...ledger.burnedWei];
  let servingNow = 0;
  let uidsNow = 0;
  const rows: ParticipationRow[] = [];
  const pending = new Map<number, ParticipationRow>();

  const perQuery = (tier: string) =>
    costs.perGigaflop === 0
      ? costs.perInference
      : costs.perInference + (costs.perGigaflop * setup.flopsPerQuery(tier)) / 1e9;
  const costPerEpoch = (m: MinerSpec) =>
    m.strategy.computes === false ? 0 : queriesPerMiner * perQuery(m.tier);
  /** The recent mean reward of serving miners of `tier`, else of the nearest tier below it that
   * served in the window (a prospect does not count on more than miners at least as good earned);
   * NaN when none did (it stays out: no evidence). */
  const comparableReward = (tier: string): number => {
    const recent = history.slice(-config.windowEpochs);
    for (const t of MINER_TIER_NAMES.slice(MINER_TIER_NAMES.indexOf(tier as never))) {
      const seen = recent.flatMap((h) => (h.has(t) ? [h.get(t) as number] : []));
      if (seen.length > 0) return seen.reduce((s, x) => s + x, 0) / seen.length;
    }
    return Number.NaN;
  };

  return {
    /** Miners that stopped serving (by slot). */
    stopped: stopped as ReadonlySet<number>,
    /** The prospects that register at the start of `epoch` (slots), decided from what was seen. */
    entrants(epoch: number): number[] {
      if (history.length === 0 || config.maxEntriesPerEpoch === 0) return [];
      const order = setup.rng.fork(`epoch-${epoch}`).shuffle([...waiting]);
      const chosen: number[] = [];
      let joiningStake = 0;
      for (const slot of order) {
        if (chosen.length >= config.maxEntriesPerEpoch) break;
        const burn = expectedBurn(curve, lastBurn, epoch) * curve.increase ** chosen.length;
        const v = validatorBySlot.get(slot);
        if (v !== undefined) {
          const seen = validatorYields.slice(-config.windowEpochs).filter(Number.isFinite);
          if (seen.length === 0) continue;
          const reward = (v.stake * seen.reduce((s, x) => s + x, 0)) / seen.length;
          const outlook = {
            comparableReward: reward,
            dilution: stakeDilution(servingStake + joiningStake, v.stake),
            costPerEpoch: v.stake * costs.stakePerEpoch,
            burn,
            horizonEpochs: config.horizonEpochs,
          };
          const profit = expectedEntryProfit(outlook);
          if (profit <= 0) continue;
          chosen.push(slot);
          joiningStake += v.stake;
          pending.set(slot, {
            epoch,
            agent: v.agent,
            tier: "",
            strategy: v.strategy.name,
            action: "enter",
            rewardPerEpoch: reward,
            costPerEpoch: outlook.costPerEpoch,
            burn,
            burned: 0,
            profit,
            outcome: "",
          });
          continue;
        }
        const m = population.miners[minerBySlot.get(slot) as number];
        const reward = comparableReward(m.tier);
        if (!Number.isFinite(reward)) continue;
        const outlook = {
          comparableReward: reward,
          dilution: minerDilution(servingNow + chosen.length, uidsNow + chosen.length >= setup.maxUids),
          costPerEpoch: costPerEpoch(m),
          burn,
          horizonEpochs: config.horizonEpochs,
        };
        const profit = expectedEntryProfit(outlook);
        if (profit <= 0) continue;
        chosen.push(slot);
        pending.set(slot, {
          epoch,
          agent: m.agent,
          tier: m.tier,
          strategy: m.strategy.name,
          action: "enter",
          rewardPerEpoch: reward,
          costPerEpoch: outlook.costPerEpoch,
          burn: outlook.burn,
          burned: 0,
          profit,
          outcome: "",
        });
      }
      return chosen;
    },
    /** After the epoch's registrations: what each entrant burned and whether it holds a UID; the
     * latest price paid (by anyone), for the next estimate. */
    afterRegistration(epoch: number, view: UidMap): void {
      const held = new Set(view.slotOf);
      let paid = 0;
      ledger.burnedWei.forEach((wei, slot) => {
        const delta = toTokens(wei - burnedBefore[slot]);
        if (delta > paid) paid = delta;
      });
      if (paid > 0) lastBurn = { paid, epoch };
      for (const [slot, row] of pending) {
        row.burned = toTokens(ledger.burnedWei[slot] - burnedBefore[slot]);
        row.outcome = held.has(slot) ? "success" : "no UID";
        if (held.has(slot)) waiting.splice(waiting.indexOf(slot), 1);
        rows.push(row);
      }
      pending.clear();
      burnedBefore = [...ledger.burnedWei];
    },
    /** After the epoch: the window of rewards, each serving miner's streak, and who leaves now. */
    afterEpoch(epoch: number, view: UidMap, agentRows: readonly AgentEpochRow[], row: EpochRow): void {
      const serving = view.population.miners.filter((m) => !stopped.has(m.slot));
      const validators = view.population.validators.filter((v) => !stopped.has(v.slot));
      queriesPerMiner =
        view.population.miners.length > 0 ? row.inferences / view.population.miners.length : 0;
      const byAgent = new Map(agentRows.map((r) => [r.agent, r]));
      const sums = new Map<string, { total: number; n: number }>();
      const track = (slot: number, reward: number, r: AgentEpochRow | undefined, cost: number) => {
        const profit = reward + (r?.fees ?? 0) - (r?.slashed ?? 0) - cost;
        const recent = [...(ownRecent.get(slot) ?? []), { reward, profit }];
        ownRecent.set(slot, recent.slice(-(config.exitAfterEpochs ?? 1)));
        streak.set(slot, nextLossStreak(streak.get(slot) ?? 0, profit));
      };
      for (const m of serving) {
        const r = byAgent.get(m.agent);
        const reward = r?.reward ?? 0;
        const s = sums.get(m.tier) ?? { total: 0, n: 0 };
        sums.set(m.tier, { total: s.total + reward, n: s.n + 1 });
        track(m.slot, reward, r, costPerEpoch(m));
      }
      let yieldSum = 0;
      for (const v of validators) {
        const r = byAgent.get(v.agent);
        const reward = r?.reward ?? 0;
        yieldSum += reward / v.stake;
        track(v.slot, reward, r, v.stake * costs.stakePerEpoch);
      }
      history.push(new Map([...sums].map(([tier, s]) => [tier, s.total / s.n])));
      validatorYields.push(validators.length > 0 ? yieldSum / validators.length : Number.NaN);
      servingNow = serving.length;
      servingStake = validators.reduce((s, v) => s + v.stake, 0);
      uidsNow = view.population.n;
      const k = config.exitAfterEpochs;
      if (k === undefined) return;
      const exitRow = (agent: string, tier: string, strategy: string, slot: number, cost: number) => {
        const recent = ownRecent.get(slot) ?? [];
        rows.push({
          epoch,
          agent,
          tier,
          strategy,
          action: "exit",
          rewardPerEpoch: recent.reduce((s, x) => s + x.reward, 0) / recent.length,
          costPerEpoch: cost,
          burn: 0,
          burned: 0,
          profit: recent.reduce((s, x) => s + x.profit, 0),
          outcome: "stopped serving",
        });
        stopped.add(slot);
      };
      for (const m of serving) {
        if (!shouldExit(streak.get(m.slot) ?? 0, k)) continue;
        const full = population.miners[minerBySlot.get(m.slot) as number];
        exitRow(m.agent, m.tier, full.strategy.name, m.slot, costPerEpoch(full));
        full.strategy = stoppedMiner(full.strategy); // in place: every later view reads it
        servingNow--;
      }
      for (const v of validators) {
        if (!shouldExit(streak.get(v.slot) ?? 0, k)) continue;
        const full = validatorBySlot.get(v.slot) as ValidatorSpec;
        exitRow(v.agent, "", full.strategy.name, v.slot, v.stake * costs.stakePerEpoch);
        full.strategy = stoppedValidator(full.strategy);
        servingStake -= v.stake;
        leavingValidators.leave(v.slot, epoch);
      }
    },
    /** The stake moves of validators that left, due at the start of `epoch` (leavingValidators.ts). */
    exitMoves: leavingValidators.moves,
    afterExitMoves: leavingValidators.settle,
    /** participation.csv: entries and exits in order, then every agent a registration pruned. */
    rows(): ParticipationRow[] {
      const pruned = [...population.validators, ...population.miners].flatMap((m): ParticipationRow[] =>
        ledger.prunedEpoch[m.slot] < 0
          ? []
          : [
              {
                epoch: ledger.prunedEpoch[m.slot],
                agent: m.agent,
                tier: "tier" in m ? m.tier : "",
                strategy: m.strategy.name,
                action: "pruned",
                rewardPerEpoch: 0,
                costPerEpoch: 0,
                burn: 0,
                burned: 0,
                profit: 0,
                outcome: stopped.has(m.slot) ? "after it stopped serving" : "while serving",
              },
            ],
      );
      return [...rows, ...pruned].sort((a, b) => a.epoch - b.epoch);
    },
  };
}

export type ParticipationDriver = ReturnType<typeof createParticipationDriver>;
