import { PHASES, type RunTables } from "../../sim/run/runTables.ts";
import { groupByEpoch } from "./groupByEpoch.ts";

export interface ThroughputOptions {
  /**
   * Wall time the rates are measured against (ms), e.g. the run's total wall time. Without it the
   * sum of the phase timings (epoch-loop time, setup excluded) is used.
   */
  wallTimeMs?: number;
}

export interface Throughput {
  /** What the rates are per second of. */
  basis: "total wall time" | "epoch-loop time";
  basisMs: number;
  inferencesPerSecond: number | null;
  transactionsPerSecond: number | null;
  /** Mean gas used per epoch (null when the protocol meters no gas). */
  gasPerEpoch: number | null;
  /** Reverted ÷ sent transactions over the run. */
  revertedShare: number | null;
  /** Mean wall time of an epoch (sum of its phases), ms. */
  wallMsPerEpoch: number | null;
  /** Mean wall time per epoch of each phase, ms, in pipeline order. */
  phaseMsPerEpoch: { phase: string; ms: number }[];
}

/** Rates, gas and wall time per epoch and per phase. Pure; null where the tables hold no data. */
export function computeThroughput(tables: RunTables, options: ThroughputOptions = {}): Throughput {
  const timed = groupByEpoch(tables.timings);
  const loopMs = tables.timings.reduce((s, t) => s + t.ms, 0);
  const basisMs = options.wallTimeMs ?? loopMs;
  const perSecond = (n: number) => (basisMs > 0 ? n / (basisMs / 1000) : null);
  const sum = (f: (e: RunTables["epochs"][number]) => number) => tables.epochs.reduce((s, e) => s + f(e), 0);
  const epochs = tables.epochs.length;
  const sent = sum((e) => e.transactions);
  const phases: string[] = [...PHASES];
  for (const t of tables.timings) if (!phases.includes(t.phase)) phases.push(t.phase);
  const phaseMsPerEpoch = phases
    .map((phase) => ({
      phase,
      ms: tables.timings.filter((t) => t.phase === phase).reduce((s, t) => s + t.ms, 0) / (timed.length || 1),
    }))
    .filter((p) => tables.timings.some((t) => t.phase === p.phase));
  return {
    basis: options.wallTimeMs === undefined ? "epoch-loop time" : "total wall time",
    basisMs,
    inferencesPerSecond: perSecond(sum((e) => e.inferences)),
    transactionsPerSecond: perSecond(sent),
    // null without gas: no epochs, or a protocol that meters none (empty gas cells, NaN).
    gasPerEpoch:
      epochs > 0 && tables.epochs.every((e) => Number.isFinite(e.gasUsed))
        ? sum((e) => e.gasUsed) / epochs
        : null,
    revertedShare: sent > 0 ? sum((e) => e.reverted) / sent : null,
    wallMsPerEpoch: timed.length > 0 ? loopMs / timed.length : null,
    phaseMsPerEpoch,
  };
}
