import { bootstrapMeanCi } from "../../reports/metrics/bootstrapMeanCi.ts";
import type { Rng } from "../rng/createRng.ts";
import { operatorProfit, type RunOutcome } from "./objectiveValue.ts";

/** The best attack and its honest twin on one seed under one defence (null outcome: a run failed). */
export interface DefenceSeedRuns {
  defence: string;
  seed: number;
  attack: RunOutcome | null;
  twin: RunOutcome | null;
}

/** What one seed of one defence measured. */
export interface DefenceSeedValues {
  defence: string;
  seed: number;
  /** The attacker's profit after costs (operators.csv) in the attack run. */
  profit: number;
  /** Its profit minus its honest twin's: what the attack earns over honest work. */
  gain: number;
  /** Total reward of the honest miners (not the attacker's) in the attack run and in the twin. */
  honestUnderAttack: number;
  honestWithoutAttack: number;
}

/** One row of defences.csv. */
export interface DefenceRow {
  defence: string;
  setting: string;
  seeds: number;
  failed: number;
  gain: number | null;
  gainLow: number | null;
  gainHigh: number | null;
  /** yes: the whole 95 % interval of the gain is below zero; mean: only its mean; no. */
  gainBelowZero: "yes" | "mean" | "no" | "";
  profit: number | null;
  profitLow: number | null;
  profitHigh: number | null;
  profitBelowZero: "yes" | "mean" | "no" | "";
  /** Honest miners' reward under the attack, and its change against no defence (%, same seeds). */
  honestUnderAttack: number | null;
  honestUnderAttackChange: number | null;
  /** Honest miners' reward with no attack (the twin), and its change against no defence (%): the defence's own cost. */
  honestWithoutAttack: number | null;
  honestWithoutAttackChange: number | null;
  /** Why it was not run (a mitigation that does not apply), else empty. */
  note: string;
}

function honestMinerReward(run: RunOutcome, attackerAgents: ReadonlySet<string>): number {
  return run.agents
    .filter((a) => a.role === "miner" && a.strategy === "honest" && !attackerAgents.has(a.agent))
    .reduce((s, a) => s + a.totalReward, 0);
}

/** A seed's values, or null when one of its two runs failed. Pure. */
export function defenceSeedValues(
  r: DefenceSeedRuns,
  attacker: string,
  attackerAgents: ReadonlySet<string>,
): DefenceSeedValues | null {
  if (r.attack === null || r.twin === null) return null;
  const profit = operatorProfit(r.attack, attacker);
  return {
    defence: r.defence,
    seed: r.seed,
    profit,
    gain: profit - operatorProfit(r.twin, attacker),
    honestUnderAttack: honestMinerReward(r.attack, attackerAgents),
    honestWithoutAttack: honestMinerReward(r.twin, attackerAgents),
  };
}

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;

function sign(ci: { estimate: number; high: number }): "yes" | "mean" | "no" {
  if (ci.high < 0) return "yes";
  return ci.estimate < 0 ? "mean" : "no";
}

/**
 * The defence table: per defence, the attacker's gain and profit over the seeds (mean and 95 %
 * percentile-bootstrap interval, each from its own child stream of `rng`), whether each falls below
 * zero, and the honest miners' reward under attack and without it, as a change against the row
 * `baseline` (no defence) on the same seeds. Pure.
 */
export function defenceRows(
  defences: readonly { name: string; setting: string; skip?: string }[],
  values: readonly (DefenceSeedValues | null)[],
  seedsPerDefence: number,
  baseline: string,
  rng: Rng,
): DefenceRow[] {
  const of = (name: string) => values.filter((v): v is DefenceSeedValues => v !== null && v.defence === name);
  const base = of(baseline);
  const change = (now: number, before: number) => (before === 0 ? null : (100 * (now - before)) / before);
  return defences.map((d) => {
    const vs = of(d.name);
    const empty = {
      defence: d.name,
      setting: d.setting,
      seeds: vs.length,
      failed: d.skip === undefined ? seedsPerDefence - vs.length : 0,
      gain: null,
      gainLow: null,
      gainHigh: null,
      gainBelowZero: "" as const,
      profit: null,
      profitLow: null,
      profitHigh: null,
      profitBelowZero: "" as const,
      honestUnderAttack: null,
      honestUnderAttackChange: null,
      honestWithoutAttack: null,
      honestWithoutAttackChange: null,
      note: d.skip ?? "",
    };
    if (vs.length === 0) return empty;
    const gain = bootstrapMeanCi(
      vs.map((v) => v.gain),
      rng.fork(`${d.name}-gain`),
    );
    const profit = bootstrapMeanCi(
      vs.map((v) => v.profit),
      rng.fork(`${d.name}-profit`),
    );
    // Changes against no defence on the seeds both have (common random numbers).
    const paired = vs.filter((v) => base.some((b) => b.seed === v.seed));
    const baseOn = (key: "honestUnderAttack" | "honestWithoutAttack") =>
      mean(paired.map((v) => base.find((b) => b.seed === v.seed)?.[key] as number));
    const under = mean(vs.map((v) => v.honestUnderAttack));
    const without = mean(vs.map((v) => v.honestWithoutAttack));
    return {
      ...empty,
      gain: gain.estimate,
      gainLow: gain.low,
      gainHigh: gain.high,
      gainBelowZero: sign(gain),
      profit: profit.estimate,
      profitLow: profit.low,
      profitHigh: profit.high,
      profitBelowZero: sign(profit),
      honestUnderAttack: under,
      honestUnderAttackChange:
        paired.length === 0
          ? null
          : change(mean(paired.map((v) => v.honestUnderAttack)), baseOn("honestUnderAttack")),
      honestWithoutAttack: without,
      honestWithoutAttackChange:
        paired.length === 0
          ? null
          : change(mean(paired.map((v) => v.honestWithoutAttack)), baseOn("honestWithoutAttack")),
    };
  });
}
