import type { RunTables } from "../../sim/run/runTables.ts";
import { groupByEpoch } from "./groupByEpoch.ts";

export interface EconomicsRow {
  epoch: number;
  supply: number;
  emission: number;
  /** Stake over all agents at this epoch. */
  totalStake: number;
  /** totalStake ÷ supply (null when the supply is 0). */
  stakingRatio: number | null;
  validatorReward: number;
  validatorStake: number;
  /** validatorReward ÷ validatorStake this epoch (null with no validator stake). */
  validatorYield: number | null;
  minerReward: number;
}

export interface Economics {
  perEpoch: EconomicsRow[];
  /** Supply after the last epoch. */
  finalSupply: number | null;
  totalEmission: number;
  /** Staking ratio at the last epoch. */
  stakingRatio: number | null;
  /** Stake-weighted validator yield per epoch: Σₑ validator reward ÷ Σₑ validator stake. */
  validatorYieldPerEpoch: number | null;
  /** Reward per unit of compute: miners' total reward ÷ inferences answered. */
  minerRewardPerInference: number | null;
}

/** Supply, emission, staking ratio and yields, per epoch and over the run. Pure. */
export function computeEconomics(tables: RunTables): Economics {
  const agentsByEpoch = new Map(groupByEpoch(tables.agentEpochs));
  const perEpoch = [...tables.epochs]
    .sort((a, b) => a.epoch - b.epoch)
    .map((e): EconomicsRow => {
      const rows = agentsByEpoch.get(e.epoch) ?? [];
      const validators = rows.filter((r) => r.role === "validator");
      const totalStake = rows.reduce((s, r) => s + r.stake, 0);
      const validatorReward = validators.reduce((s, r) => s + r.reward, 0);
      const validatorStake = validators.reduce((s, r) => s + r.stake, 0);
      return {
        epoch: e.epoch,
        supply: e.supply,
        emission: e.emission,
        totalStake,
        stakingRatio: e.supply > 0 ? totalStake / e.supply : null,
        validatorReward,
        validatorStake,
        validatorYield: validatorStake > 0 ? validatorReward / validatorStake : null,
        minerReward: rows.filter((r) => r.role === "miner").reduce((s, r) => s + r.reward, 0),
      };
    });
  const last = perEpoch.at(-1);
  const vStake = perEpoch.reduce((s, r) => s + r.validatorStake, 0);
  const vReward = perEpoch.reduce((s, r) => s + r.validatorReward, 0);
  const inferences = tables.epochs.reduce((s, e) => s + e.inferences, 0);
  const minerReward = perEpoch.reduce((s, r) => s + r.minerReward, 0);
  return {
    perEpoch,
    finalSupply: last?.supply ?? null,
    totalEmission: perEpoch.reduce((s, r) => s + r.emission, 0),
    stakingRatio: last?.stakingRatio ?? null,
    validatorYieldPerEpoch: vStake > 0 ? vReward / vStake : null,
    minerRewardPerInference: inferences > 0 ? minerReward / inferences : null,
  };
}
