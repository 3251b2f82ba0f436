import { resolve } from "node:path";
import type { RunTables } from "../../sim/run/runTables.ts";
import type { ForkOrigin } from "../charts/forkEpochRule.ts";

/** One epoch of a fork against its parent, aligned by epoch number. */
export interface DivergenceEpoch {
  epoch: number;
  /** The epoch's rows (epochs and agent_epochs) are the same on both sides. */
  identical: boolean;
  /** Σ |reward in the fork − reward in the parent| over the agents of either (by name), tokens. */
  rewardDifference: number;
  /** Agents in the epoch on one side only (a joiner, a pruned UID). */
  agentsOnOneSide: number;
}

/** A compared pair where one side is a fork of the other. */
export interface ForkDivergence {
  /** The side ("A" or "B") that is the parent, and the one that is its fork. */
  parent: string;
  fork: string;
  /** The first epoch the fork ran with its change. */
  atEpoch: number;
  /** The first epoch whose rows differ (null: none do). */
  firstDivergentEpoch: number | null;
  /** Every epoch before `atEpoch` is identical on both sides. */
  identicalBeforeFork: boolean;
  perEpoch: DivergenceEpoch[];
}

type Side = { name: string; runs: readonly { dir: string; forkOf?: ForkOrigin; tables: RunTables }[] };

/**
 * The divergence of a fork from its parent when one side is a single run forked from the other's
 * single run (its manifest names the other's folder): epoch by epoch, whether the rows are the same,
 * and how far the rewards moved. Undefined for any other pair. Pure.
 */
export function forkDivergence(a: Side, b: Side): ForkDivergence | undefined {
  if (a.runs.length !== 1 || b.runs.length !== 1) return undefined;
  const [ra, rb] = [a.runs[0], b.runs[0]];
  const forkOf = (x: typeof ra, y: typeof ra) =>
    x.forkOf !== undefined && resolve(x.forkOf.runDir) === resolve(y.dir) ? x.forkOf.atEpoch : undefined;
  const bForkOfA = forkOf(rb, ra);
  const aForkOfB = forkOf(ra, rb);
  const at = bForkOfA ?? aForkOfB;
  if (at === undefined) return undefined;
  const [parent, fork] = bForkOfA !== undefined ? [ra, rb] : [rb, ra];
  const perEpoch = alignEpochs(parent.tables, fork.tables);
  const first = perEpoch.find((e) => !e.identical)?.epoch ?? null;
  return {
    parent: bForkOfA !== undefined ? a.name : b.name,
    fork: bForkOfA !== undefined ? b.name : a.name,
    atEpoch: at,
    firstDivergentEpoch: first,
    identicalBeforeFork: perEpoch.filter((e) => e.epoch < at).every((e) => e.identical),
    perEpoch,
  };
}

/** Both runs' epochs side by side, by epoch number (an epoch one run lacks is not identical). */
export function alignEpochs(parent: RunTables, fork: RunTables): DivergenceEpoch[] {
  const epochs = [...new Set([...parent.epochs, ...fork.epochs].map((e) => e.epoch))].sort((x, y) => x - y);
  const key = (x: unknown) => JSON.stringify(x, (_, v) => (typeof v === "bigint" ? v.toString() : v));
  return epochs.map((epoch) => {
    const rowsOf = (t: RunTables) => ({
      epoch: t.epochs.find((e) => e.epoch === epoch),
      agents: t.agentEpochs.filter((x) => x.epoch === epoch),
    });
    const p = rowsOf(parent);
    const f = rowsOf(fork);
    const rewards = (rows: typeof p.agents) => new Map(rows.map((r) => [r.agent, r.reward]));
    const rp = rewards(p.agents);
    const rf = rewards(f.agents);
    let rewardDifference = 0;
    let agentsOnOneSide = 0;
    for (const agent of new Set([...rp.keys(), ...rf.keys()])) {
      if (!rp.has(agent) || !rf.has(agent)) agentsOnOneSide++;
      rewardDifference += Math.abs((rf.get(agent) ?? 0) - (rp.get(agent) ?? 0));
    }
    return {
      epoch,
      identical: p.epoch !== undefined && f.epoch !== undefined && key(p) === key(f),
      rewardDifference,
      agentsOnOneSide,
    };
  });
}

/** The divergence in one line, for the terminal and the page. */
export function forkDivergenceLine(d: ForkDivergence): string {
  const before = d.identicalBeforeFork
    ? `identical through epoch ${d.atEpoch - 1}`
    : "NOT identical before the fork epoch";
  const from =
    d.firstDivergentEpoch === null ? "no epoch differs" : `diverges from epoch ${d.firstDivergentEpoch}`;
  const last = d.perEpoch.at(-1);
  const moved =
    last === undefined
      ? ""
      : `; at epoch ${last.epoch} rewards differ by ${last.rewardDifference.toFixed(2)} tokens in all`;
  return `${d.fork} is a fork of ${d.parent} at epoch ${d.atEpoch}: ${before}, ${from}${moved}`;
}
