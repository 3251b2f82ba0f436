import type { CallRecord, PhaseResult } from "../protocolTypes.ts";
import type { BlockClock } from "./blockClock.ts";

/** One call of a phase: who acts, the contract function, and its effect in a block (the custom error
 * name when it reverts, having changed nothing). */
export interface MemoryCall {
  agent: string;
  functionName: string;
  run(block: bigint): string | undefined;
}

/** Settles a phase as the Anvil session does: calls in input order, 1,000 a block (at least one
 * block), a revert an outcome; no gas. `beforeCall` sees each call's block first (the votes token
 * keeps its snapshots there). */
export function runMemoryPhase(
  clock: BlockClock,
  calls: readonly MemoryCall[],
  beforeCall?: (block: bigint) => void,
): PhaseResult {
  const outcomes = calls.map((call, i): CallRecord => {
    const block = clock.blockOf(i);
    beforeCall?.(block);
    const error = call.run(block);
    const base = { agent: call.agent, functionName: call.functionName, gasUsed: 0n };
    return error === undefined ? { ...base, status: "success" } : { ...base, status: "reverted", error };
  });
  return { outcomes, gasUsed: 0n, block: clock.advance(calls.length) };
}
