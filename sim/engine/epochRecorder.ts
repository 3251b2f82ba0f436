import type { PhaseOutcomes } from "../protocol/protocolSession.ts";
import type { Phase, PhaseTimingRow } from "../run/runTables.ts";
import type { EpochOutcome } from "./epochContext.ts";

/** What an epoch records as it goes: each phase's wall time, and every transaction it sent. */
export interface EpochRecorder {
  readonly timings: PhaseTimingRow[];
  readonly outcomes: EpochOutcome[];
  /** Runs `work`, adding a timing row for `phase` (ms, to the microsecond). */
  timed<T>(phase: Phase, work: () => Promise<T> | T): Promise<T>;
  /** Keeps a block's outcomes under `phase` and adds its gas and transactions to the epoch's. */
  record(phase: Phase, result: PhaseOutcomes | null): void;
  /** Gas used and transactions sent so far (reverted ones included). */
  totals(): { gasUsed: bigint; transactions: number; reverted: number };
}

/** A recorder for `epoch`, timing with `now` (a monotonic clock in ms; never feeds a result). */
export function createEpochRecorder(epoch: number, now: () => number): EpochRecorder {
  const timings: PhaseTimingRow[] = [];
  const outcomes: EpochOutcome[] = [];
  let gasUsed = 0n;
  return {
    timings,
    outcomes,
    async timed(phase, work) {
      // Back to the event loop between phases, so a signal is obeyed between them (not timed).
      await new Promise<void>((resolve) => setImmediate(resolve));
      const t0 = now();
      const result = await work();
      timings.push({ epoch, phase, ms: Math.round((now() - t0) * 1000) / 1000 });
      return result;
    },
    record(phase, result) {
      if (result === null) return;
      gasUsed += result.gasUsed;
      for (const o of result.outcomes) outcomes.push({ ...o, epoch, phase });
    },
    totals: () => ({
      gasUsed,
      transactions: outcomes.length,
      reverted: outcomes.filter((o) => o.status === "reverted").length,
    }),
  };
}
