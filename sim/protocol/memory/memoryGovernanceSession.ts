import { CrucibleError } from "../../errors/CrucibleError.ts";
import { needsProtocolSetters } from "../governanceTypes.ts";
import { parameterCalls } from "../parameterChanges.ts";
import type { ProtocolSession } from "../protocolSession.ts";
import type { Address, PhaseResult } from "../protocolTypes.ts";
import type { MemoryGovernance } from "./memoryGovernance.ts";
import type { MemoryProtocol } from "./memoryProtocol.ts";
import type { MemoryCall } from "./runMemoryPhase.ts";

export type MemoryGovernanceSession = Pick<
  ProtocolSession,
  | "governance"
  | "delegateVotes"
  | "propose"
  | "castVotes"
  | "queueProposals"
  | "executeProposals"
  | "readProposal"
  | "readVotes"
  | "readSnapshotVotes"
  | "readGovernedParams"
  | "submitBribes"
  | "readBribeBooks"
>;

/** The port's governance calls over the memory protocol (sim/chain/session/governanceSession.ts on
 * Anvil): the same proposal numbers, outcomes and reads. */
export function memoryGovernanceSession(
  m: MemoryProtocol,
  accountOf: (address: Address) => Address,
  phase: (calls: MemoryCall[]) => Promise<PhaseResult>,
): MemoryGovernanceSession {
  const need = (): MemoryGovernance => {
    if (m.governance === undefined)
      throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", "this deployment has no governance");
    return m.governance;
  };
  const proposalOf = (n: number) => {
    const g = need();
    if (!Number.isInteger(n) || n < 0 || n >= g.count())
      throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", `no proposal ${n}`);
    return g;
  };
  const byDriver = (fn: "queue" | "execute", proposals: readonly number[]) => {
    const g = need();
    for (const n of proposals) proposalOf(n);
    return phase(
      proposals.map((n) => ({ agent: "driver", functionName: fn, run: (block) => g[fn](n, block) })),
    );
  };
  return {
    governance: m.governance?.config,
    delegateVotes(delegations) {
      need();
      return phase(
        delegations.map((x) => {
          const holder = accountOf(x.address);
          return {
            agent: x.agent,
            functionName: "delegate",
            run: () => {
              m.votes.delegate(holder, x.delegatee);
              return undefined;
            },
          };
        }),
      );
    },
    async propose(drafts) {
      const g = need();
      const numbers: (number | undefined)[] = drafts.map(() => undefined);
      const calls = drafts.map((draft, i): MemoryCall => {
        if (parameterCalls(draft.changes).length === 0)
          throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", "a proposal must change something");
        if (needsProtocolSetters(draft.changes) && g.config.protocolSetters !== true)
          throw new CrucibleError(
            "CRUCIBLE_INVALID_ARGUMENT",
            "this deployment's governance has no protocolSetters (reveal delay, take ceiling, epoch emission)",
          );
        const proposer = accountOf(draft.proposer.address);
        return {
          agent: draft.proposer.agent,
          functionName: "propose",
          run: (block) => {
            const r = g.propose(proposer, draft.changes, block);
            numbers[i] = r.proposal;
            return r.error;
          },
        };
      });
      const result = await phase(calls);
      return { ...result, proposals: numbers.map((n) => n ?? null) };
    },
    castVotes(n, ballots) {
      const g = proposalOf(n);
      return phase(
        ballots.map((b) => {
          const voter = accountOf(b.address);
          return {
            agent: b.agent,
            functionName: "castVote",
            run: (block) => g.castVote(voter, n, b.support, block),
          };
        }),
      );
    },
    queueProposals: (proposals) => byDriver("queue", proposals),
    executeProposals: (proposals) => byDriver("execute", proposals),
    readProposal: async (n) => proposalOf(n).view(n, m.clock.head()),
    async readVotes(addresses) {
      need();
      return addresses.map((a) => m.votes.votesOf(a));
    },
    async readSnapshotVotes(n, addresses) {
      const { snapshot } = proposalOf(n).view(n, m.clock.head());
      if (snapshot >= m.clock.head()) return addresses.map(() => 0n);
      return addresses.map((a) => m.votes.pastVotes(a, snapshot));
    },
    submitBribes(calls) {
      need();
      const escrow = m.bribes;
      if (escrow === undefined)
        throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", "this deployment has no bribe escrow");
      return phase(
        calls.map((c) => {
          if (c.kind === "offer") proposalOf(c.proposal);
          const account = accountOf(c.from.address);
          return {
            agent: c.from.agent,
            functionName: c.kind,
            run: (block) => escrow.apply({ ...c, account }, block),
          };
        }),
      );
    },
    async readBribeBooks() {
      need();
      if (m.bribes === undefined)
        throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", "this deployment has no bribe escrow");
      return m.bribes.books();
    },
    async readGovernedParams() {
      need();
      const p = m.registry.params;
      return {
        ownerBps: p.ownerBps,
        minerBps: p.minerBps,
        validatorBps: p.validatorBps,
        slashBps: p.slashBps,
        immunityPeriod: p.immunityPeriod,
        minBurn: p.minBurn,
        maxBurn: p.maxBurn,
        burnIncreaseBps: p.burnIncreaseBps,
        burnHalfLife: p.burnHalfLife,
        revealDelayEpochs: p.revealDelayEpochs,
        takeCeilingBps: m.staking.takeCeilingBps,
        epochEmission: m.emission.rate(),
      };
    },
  };
}
