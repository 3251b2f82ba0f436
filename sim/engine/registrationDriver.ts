import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Mechanism } from "../mechanisms/mechanism.ts";
import type { PhaseResult, ProtocolSession, SessionAgent } from "../protocol/protocolSession.ts";
import type { Address } from "../protocol/protocolTypes.ts";
import type { EpochRow } from "../run/runTables.ts";
import type { Population } from "./buildPopulation.ts";
import type { EpochState } from "./epochState.ts";
import { fitStateToUids } from "./fitStateToUids.ts";
import { populationView, replacedUids, type UidMap, uidsBySlot } from "./populationView.ts";

/** What the run learned about each agent's registration, by slot. */
export interface RegistrationLedger {
  /** Wei each agent burned registering (0: it never registered). */
  readonly burnedWei: bigint[];
  /** Epochs it held a UID, and queries it answered as a miner in them. */
  readonly epochsHeld: number[];
  readonly queriesAnswered: number[];
  /** The last UID it held (-1: never), and the epoch at whose start it lost it (-1: never). */
  readonly lastUid: number[];
  readonly prunedEpoch: number[];
}

/** What the driver carries between epochs (a checkpoint): its ledger and the UIDs last read. */
export interface RegistrationState {
  ledger: RegistrationLedger;
  /** The registry as the latest `beforeEpoch` read it (undefined before the first epoch). */
  previous: { hotkeys: Address[]; registeredAt: bigint[] } | undefined;
}

export interface EpochUids {
  view: UidMap;
  state: EpochState;
  /** The epoch's registrations and joiners' stakes (empty when nobody joined). */
  registration: PhaseResult[];
}

/**
 * Drives who holds a UID: agents register by burning the registration price (genesis agents in the
 * setup, miners with a later `joinEpoch` at the start of that epoch), each epoch's UIDs are read
 * back from the registry, and what the run carries is fitted to them. Epoch e starts at a fixed
 * block (`ProtocolSession.alignEpoch`) so that durations in epochs are exact.
 */
export function createRegistrationDriver(
  session: ProtocolSession,
  population: Population,
  mechanism: Pick<Mechanism<unknown>, "resetUids">,
  /** Wei each agent (by slot) stakes on its own UID once it holds one (validators' stake, miners' collateral). */
  stakeWei: readonly bigint[],
) {
  const names = new Map<number, string>();
  for (const v of population.validators) names.set(v.slot, v.agent);
  for (const m of population.miners) names.set(m.slot, m.agent);
  const agents: SessionAgent[] = session.agentAddresses.map((address, slot) => ({
    agent: names.get(slot) ?? `agent-${slot}`,
    address,
  }));
  const n = population.n;
  const ledger: RegistrationLedger = {
    burnedWei: new Array<bigint>(n).fill(0n),
    epochsHeld: new Array<number>(n).fill(0),
    queriesAnswered: new Array<number>(n).fill(0),
    lastUid: new Array<number>(n).fill(-1),
    prunedEpoch: new Array<number>(n).fill(-1),
  };
  const joinEpochs = new Map([
    ...population.validators.map((v): [number, number] => [v.slot, v.joinEpoch ?? 0]),
    ...population.miners.map((m): [number, number] => [m.slot, m.joinEpoch]),
  ]);
  const joinEpochOf = (slot: number) => joinEpochs.get(slot) ?? 0;
  let previous: UidMap | undefined;

  async function register(slots: readonly number[]): Promise<PhaseResult> {
    const result = await session.registerAgents(slots.map((slot) => agents[slot]));
    slots.forEach((slot, i) => {
      ledger.burnedWei[slot] += result.burned[i];
    });
    return result;
  }

  /** Each of `slots` that holds a UID now and has stake to put up stakes it on that UID (one block;
   * null when there is nothing to stake). */
  async function stakeOwn(slots: readonly number[], uids: UidMap): Promise<PhaseResult | null> {
    const uidOf = uidsBySlot(uids.slotOf);
    const stakes = slots.flatMap((slot) => {
      const uid = uidOf.get(slot);
      const amount = stakeWei[slot] ?? 0n;
      return uid === undefined || amount <= 0n ? [] : [{ ...agents[slot], uid, amount }];
    });
    return stakes.length > 0 ? session.stakeGenesis(stakes) : null;
  }
  const readView = async () => populationView(population, session.agentAddresses, await session.readUids());

  return {
    agents,
    ledger,
    /** Registers every agent that joins at genesis, in slot order (validators first), then stakes
     * what each that got a UID puts up (a register that reverted stakes nothing). */
    async registerGenesis(): Promise<PhaseResult[]> {
      const slots = agents.map((_, slot) => slot).filter((slot) => joinEpochOf(slot) === 0);
      const registered = await register(slots);
      const staked = await stakeOwn(slots, await readView());
      return staked === null ? [registered] : [registered, staked];
    },
    /** Starts epoch `epoch`: aligns its first block, registers its joiners (and stakes their
     * collateral), reads its UIDs. `entrants`: prospects (open participation) registering now,
     * after the miners whose joinEpoch is this epoch. */
    async beforeEpoch(
      epoch: number,
      state: EpochState,
      entrants: readonly number[] = [],
    ): Promise<EpochUids> {
      await session.alignEpoch(epoch);
      const joiners = [
        ...(epoch === 0 ? [] : population.miners.filter((m) => m.joinEpoch === epoch).map((m) => m.slot)),
        ...entrants,
      ];
      const registration: PhaseResult[] = [];
      if (joiners.length > 0) {
        registration.push(await register(joiners));
        const staked = await stakeOwn(joiners, await readView());
        if (staked !== null) registration.push(staked);
      }
      const view = await readView();
      const held = new Set(view.slotOf);
      for (let slot = 0; slot < n; slot++) {
        if (ledger.lastUid[slot] >= 0 && !held.has(slot) && ledger.prunedEpoch[slot] < 0) {
          ledger.prunedEpoch[slot] = epoch;
        }
      }
      view.slotOf.forEach((slot, uid) => {
        if (slot >= 0) ledger.lastUid[slot] = uid;
      });
      const fitted = fitStateToUids(state, view.population.n, replacedUids(previous, view), mechanism);
      previous = view;
      return { view, state: fitted, registration };
    },
    /** The UIDs as the latest `beforeEpoch` read them. */
    currentView(): UidMap {
      if (previous === undefined) throw new CrucibleError("CRUCIBLE_RUN_FAILED", "no epoch has started");
      return previous;
    },
    saveState(): RegistrationState {
      return {
        ledger: structuredClone(ledger),
        previous:
          previous === undefined
            ? undefined
            : { hotkeys: [...previous.addressOf], registeredAt: [...previous.registeredAt] },
      };
    },
    /** Puts back what `saveState` returned (the ledger in place: callers hold it). */
    loadState(state: RegistrationState): void {
      for (const key of Object.keys(ledger) as (keyof RegistrationLedger)[]) {
        const target = ledger[key] as unknown[];
        target.splice(0, target.length, ...(state.ledger[key] as unknown[]));
      }
      previous =
        state.previous === undefined
          ? undefined
          : populationView(population, session.agentAddresses, state.previous);
    },
    /** Counts the epoch for every agent that held a UID in it and served (`stopped`: agents that
     * left under open participation hold their UID but neither compute nor lock stake). */
    afterEpoch(view: UidMap, row: EpochRow, stopped: ReadonlySet<number> = new Set()): void {
      const { validators, miners } = view.population;
      const perMiner = miners.length > 0 ? row.inferences / miners.length : 0;
      for (const v of validators) if (!stopped.has(v.slot)) ledger.epochsHeld[v.slot]++;
      for (const m of miners) {
        if (stopped.has(m.slot)) continue;
        ledger.epochsHeld[m.slot]++;
        ledger.queriesAnswered[m.slot] += perMiner;
      }
    },
  };
}

export type RegistrationDriver = ReturnType<typeof createRegistrationDriver>;
