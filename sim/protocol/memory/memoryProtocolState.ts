import { CrucibleError } from "../../errors/CrucibleError.ts";
import type { MemoryProtocol } from "./memoryProtocol.ts";

/** Everything a memory protocol holds, as plain values (bigints, arrays, maps as entry lists). */
export interface MemoryProtocolState {
  kind: "memory-protocol";
  clock: ReturnType<MemoryProtocol["clock"]["saveState"]>;
  ledger: ReturnType<MemoryProtocol["ledger"]["saveState"]>;
  registry: ReturnType<MemoryProtocol["registry"]["saveState"]>;
  staking: ReturnType<MemoryProtocol["staking"]["saveState"]>;
  weights: ReturnType<MemoryProtocol["weights"]["saveState"]>;
  emission: ReturnType<MemoryProtocol["emission"]["saveState"]>;
  market: ReturnType<MemoryProtocol["market"]["saveState"]>;
}

/** The protocol's state (a checkpoint): a copy, so later calls do not change it. */
export function saveMemoryProtocol(m: MemoryProtocol): MemoryProtocolState {
  return {
    kind: "memory-protocol",
    clock: m.clock.saveState(),
    ledger: m.ledger.saveState(),
    registry: m.registry.saveState(),
    staking: m.staking.saveState(),
    weights: m.weights.saveState(),
    emission: m.emission.saveState(),
    market: m.market.saveState(),
  };
}

/** Puts a saved state back into a protocol deployed from the same deployment (same accounts and
 * parameters: those are rebuilt from the deployment, not stored). */
export function loadMemoryProtocol(m: MemoryProtocol, state: unknown): void {
  const s = state as Partial<MemoryProtocolState> | null;
  if (s === null || typeof s !== "object" || s.kind !== "memory-protocol")
    throw new CrucibleError(
      "CRUCIBLE_CHECKPOINT_INVALID",
      "the checkpoint's protocol state is not a memory protocol's (was the run on another chain backend?)",
    );
  const full = s as MemoryProtocolState;
  m.clock.loadState(full.clock);
  m.ledger.loadState(full.ledger);
  m.registry.loadState(full.registry);
  m.staking.loadState(full.staking);
  m.weights.loadState(full.weights);
  m.emission.loadState(full.emission);
  m.market.loadState(full.market);
}
