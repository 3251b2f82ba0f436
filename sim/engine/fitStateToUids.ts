import type { Mechanism } from "../mechanisms/mechanism.ts";
import type { EpochState } from "./epochState.ts";

/**
 * The carried epoch state for a subnet of `n` UIDs of which `replaced` changed hands since the last
 * epoch: the weight matrix grows with the subnet (new UIDs have no row), a replaced UID's weight row
 * and last update are cleared (its new holder has set none), and the mechanism forgets what it
 * carried for it (`Mechanism.resetUids`; Yuma also sees the new registration block and clears the
 * UID's bonds and permit itself, as subtensor's `clear_neuron` does). Returns `state` unchanged when
 * nothing changed.
 */
export function fitStateToUids(
  state: EpochState,
  n: number,
  replaced: readonly number[],
  mechanism: Pick<Mechanism<unknown>, "resetUids">,
): EpochState {
  const old = state.lastUpdate.length;
  if (old === n && replaced.length === 0) return state;
  const keep = Math.min(old, n);
  const lastUpdate = new Float64Array(n);
  lastUpdate.set(state.lastUpdate.subarray(0, keep));
  for (const uid of replaced) if (uid < n) lastUpdate[uid] = 0;
  // Only rows with an accepted reveal hold weights (EpochState): copy those alone, so that a large
  // subnet's mostly empty matrix is not faulted in (see copyWeightRows).
  const weights = new Float64Array(n * n);
  for (let i = 0; i < keep; i++) {
    if (lastUpdate[i] !== 0) weights.set(state.weights.subarray(i * old, i * old + keep), i * n);
  }
  const mechanismState =
    replaced.length > 0 && mechanism.resetUids
      ? mechanism.resetUids(state.mechanismState, replaced)
      : state.mechanismState;
  return { ...state, weights, lastUpdate, mechanismState };
}
