import type { Population } from "../engine/buildPopulation.ts";
import type { EngineSnapshot } from "../engine/engineSnapshot.ts";
import type { RegistrationLedger } from "../engine/registrationDriver.ts";
import type { Mechanism } from "../mechanisms/mechanism.ts";

/**
 * The parent's state after epoch N − 1 made to fit the fork's population and mechanism: every
 * by-slot record grows to the fork's agents (miners added at a fork take the slots after the
 * parent's, so the parent's agents keep theirs: a new agent has burned, held and earned nothing,
 * and carries no strategy state), and a switched mechanism starts from its initial state for the
 * UIDs of the last epoch (the old one's bonds mean nothing to it). A copy: `snapshot` is unchanged.
 */
export function growSnapshot(
  snapshot: EngineSnapshot,
  population: Population,
  switchTo: Pick<Mechanism<unknown>, "initialState"> | undefined,
): EngineSnapshot {
  const n = population.n;
  const pad = <T>(values: readonly T[], fill: T): T[] => [
    ...values,
    ...new Array<T>(Math.max(0, n - values.length)).fill(fill),
  ];
  const ledger = snapshot.registration.ledger;
  const grown: RegistrationLedger = {
    burnedWei: pad(ledger.burnedWei, 0n),
    epochsHeld: pad(ledger.epochsHeld, 0),
    queriesAnswered: pad(ledger.queriesAnswered, 0),
    lastUid: pad(ledger.lastUid, -1),
    prunedEpoch: pad(ledger.prunedEpoch, -1),
  };
  const cumulative = new Float64Array(Math.max(n, snapshot.state.cumulative.length));
  cumulative.set(snapshot.state.cumulative);
  const lastAnswers = [...snapshot.state.lastAnswers];
  while (lastAnswers.length < population.miners.length) lastAnswers.push(undefined);
  const uids = snapshot.state.lastUpdate.length;
  return {
    ...snapshot,
    state: {
      ...snapshot.state,
      cumulative,
      lastAnswers,
      ...(switchTo === undefined ? {} : { mechanismState: switchTo.initialState(uids) }),
    },
    registration: { ...snapshot.registration, ledger: grown },
    strategies: pad(snapshot.strategies, undefined),
  };
}
