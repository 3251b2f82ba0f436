import {
  type Address,
  encodeAbiParameters,
  encodeFunctionData,
  type Hex,
  keccak256,
  type LocalAccount,
  toBytes,
} from "viem";
import { CrucibleError } from "../../errors/CrucibleError.ts";
import {
  type GovernedParams,
  needsProtocolSetters,
  PROPOSAL_STATES,
} from "../../protocol/governanceTypes.ts";
import { parameterCalls } from "../../protocol/parameterChanges.ts";
import type { BribeCall, PhaseResult, ProtocolSession } from "../../protocol/protocolSession.ts";
import { headBlock, phaseCall, protocolAbis } from "../index.ts";
import type { SessionDeps } from "./sessionDeps.ts";

/** The governance part of the session (see `ProtocolSession`). */
export type GovernanceSession = Pick<
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

/** The ABI each setter is encoded with, by its target. */
const SETTER_ABIS = {
  registry: protocolAbis.revealRegistry,
  staking: protocolAbis.governedStaking,
  emission: protocolAbis.governedEmission,
} as const;

/** What Governor.queue and execute take again: the proposal's calls and its description hash. */
interface SentProposal {
  id: bigint;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  descriptionHash: Hex;
}

/** Governor.hashProposal, computed here (it is a pure function of the proposal). */
function hashProposal(p: Omit<SentProposal, "id">): bigint {
  const encoded = encodeAbiParameters(
    [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }],
    [p.targets, p.values, p.calldatas, p.descriptionHash],
  );
  return BigInt(keccak256(encoded));
}

/** The text a draft is proposed with: its description and the draft's sequence number in the session,
 * so that two equal drafts are two proposals. */
export const proposalText = (description: string, sequence: number) => `${description} #${sequence}`;

/**
 * Governance through CrucibleGovernor: agents delegate and propose from their own accounts; the
 * driver queues and executes (anyone may). `onExecuted` is told the parameters after a block of
 * executions, so the session's split and slash share follow them.
 */
export function governanceSession(
  d: SessionDeps & { driver: LocalAccount; onExecuted(params: GovernedParams): void },
): GovernanceSession {
  const { chain, protocol, netuid, driver } = d;
  const client = chain.publicClient;
  const governance = protocol.params.governance;
  const { governor, registry, token, bribes, staking, emission } = protocol.addresses;
  const setters = governance?.protocolSetters === true;
  const sent: SentProposal[] = [];
  let drafts = 0;
  const need = () => {
    if (governance === undefined)
      throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", "this deployment has no governance");
  };
  const proposalOf = (n: number) => {
    need();
    const p = sent[n];
    if (p === undefined) throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", `no proposal ${n}`);
    return p;
  };
  const readGovernedParams = async (): Promise<GovernedParams> => {
    need();
    const p = await client.readContract({
      address: registry,
      abi: protocolAbis.registry,
      functionName: "params",
      args: [netuid],
    });
    const [takeCeilingBps, epochEmission] = setters
      ? await Promise.all([
          client.readContract({
            address: staking,
            abi: protocolAbis.governedStaking,
            functionName: "takeCeilingBps",
          }),
          client.readContract({
            address: emission,
            abi: protocolAbis.governedEmission,
            functionName: "governedEpochEmission",
          }),
        ])
      : [protocol.params.maxTakeBps, protocol.params.emissionPerEpoch];
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
      takeCeilingBps,
      epochEmission,
    };
  };
  const byDriver = (fn: "queue" | "execute", proposals: readonly number[]) =>
    d.submit(
      proposals.map((n) => {
        const p = proposalOf(n);
        return phaseCall(
          driver,
          "governor",
          fn,
          [p.targets, p.values, p.calldatas, p.descriptionHash],
          "driver",
        );
      }),
    );

  const needBribes = () => {
    need();
    if (governance?.bribes !== true)
      throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", "this deployment has no bribe escrow");
  };
  const bribeCall = (c: BribeCall) => {
    const account = d.accountOf(c.from.address);
    switch (c.kind) {
      case "approve":
        return phaseCall(account, "votes", "approve", [bribes, c.amount], c.from.agent);
      case "offer":
        return phaseCall(
          account,
          "bribes",
          "offer",
          [proposalOf(c.proposal).id, c.support, [...c.holders], [...c.amounts]],
          c.from.agent,
        );
      case "claim":
      case "refund":
        return phaseCall(account, "bribes", c.kind, [BigInt(c.offer)], c.from.agent);
    }
  };

  return {
    governance,
    submitBribes(calls) {
      needBribes();
      return d.submit(calls.map(bribeCall));
    },
    async readBribeBooks() {
      needBribes();
      const [balance, totalEscrowed, offers] = await Promise.all([
        client.readContract({
          address: token,
          abi: protocolAbis.votes,
          functionName: "balanceOf",
          args: [bribes],
        }),
        client.readContract({ address: bribes, abi: protocolAbis.bribes, functionName: "totalEscrowed" }),
        client.readContract({ address: bribes, abi: protocolAbis.bribes, functionName: "offerCount" }),
      ]);
      return { balance, totalEscrowed, offers: Number(offers) };
    },
    delegateVotes(delegations) {
      need();
      return d.submit(
        delegations.map((x) =>
          phaseCall(d.accountOf(x.address), "votes", "delegate", [x.delegatee], x.agent),
        ),
      );
    },
    async propose(list) {
      need();
      const pending = list.map((draft) => {
        const calls = parameterCalls(draft.changes);
        if (calls.length === 0)
          throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", "a proposal must change something");
        if (needsProtocolSetters(draft.changes) && !setters)
          throw new CrucibleError(
            "CRUCIBLE_INVALID_ARGUMENT",
            "this deployment's governance has no protocolSetters (reveal delay, take ceiling, epoch emission)",
          );
        const calldatas = calls.map((c) =>
          encodeFunctionData({
            abi: SETTER_ABIS[c.target],
            functionName: c.fn,
            args: c.target === "registry" ? [netuid, ...c.args] : [...c.args],
          } as Parameters<typeof encodeFunctionData>[0]),
        );
        const description = proposalText(draft.description, drafts++);
        const targetOf = { registry, staking, emission } as const;
        const body = {
          targets: calls.map((c) => targetOf[c.target]),
          values: calls.map(() => 0n),
          calldatas,
          descriptionHash: keccak256(toBytes(description)),
        };
        return { draft, description, proposal: { ...body, id: hashProposal(body) } };
      });
      const result: PhaseResult = await d.submit(
        pending.map((x) =>
          phaseCall(
            d.accountOf(x.draft.proposer.address),
            "governor",
            "propose",
            [x.proposal.targets, x.proposal.values, x.proposal.calldatas, x.description],
            x.draft.proposer.agent,
          ),
        ),
      );
      const proposals = result.outcomes.map((o, i) => {
        if (o.status !== "success") return null;
        sent.push(pending[i].proposal);
        return sent.length - 1;
      });
      return { ...result, proposals };
    },
    castVotes(n, ballots) {
      const p = proposalOf(n);
      return d.submit(
        ballots.map((b) =>
          phaseCall(d.accountOf(b.address), "governor", "castVote", [p.id, b.support], b.agent),
        ),
      );
    },
    queueProposals: (proposals) => byDriver("queue", proposals),
    async executeProposals(proposals) {
      const result = await byDriver("execute", proposals);
      if (result.outcomes.some((o) => o.status === "success")) d.onExecuted(await readGovernedParams());
      return result;
    },
    async readProposal(n) {
      const p = proposalOf(n);
      const blockNumber = await headBlock(chain);
      const read = <T>(functionName: string, args: readonly unknown[]) =>
        client.readContract({
          address: governor,
          abi: protocolAbis.governor,
          functionName,
          args,
          blockNumber,
        } as Parameters<typeof client.readContract>[0]) as Promise<T>;
      const [state, snapshot, deadline, votes, eta, block] = await Promise.all([
        read<number>("state", [p.id]),
        read<bigint>("proposalSnapshot", [p.id]),
        read<bigint>("proposalDeadline", [p.id]),
        read<readonly [bigint, bigint, bigint]>("proposalVotes", [p.id]),
        read<bigint>("proposalEta", [p.id]),
        client.getBlock({ blockNumber }),
      ]);
      // Total supply at the snapshot only once the snapshot block is mined (a future lookup reverts).
      const quorum = snapshot < blockNumber ? await read<bigint>("quorum", [snapshot]) : 0n;
      return {
        state: PROPOSAL_STATES[state],
        snapshot,
        deadline,
        againstVotes: votes[0],
        forVotes: votes[1],
        abstainVotes: votes[2],
        quorum,
        // One second per block (deployProtocol): the block whose timestamp is the eta.
        etaBlock: eta === 0n ? 0n : blockNumber + (eta - block.timestamp),
      };
    },
    async readVotes(addresses) {
      need();
      return Promise.all(
        addresses.map((a) =>
          client.readContract({
            address: token,
            abi: protocolAbis.votes,
            functionName: "getVotes",
            args: [a],
          }),
        ),
      );
    },
    async readSnapshotVotes(n, addresses) {
      const p = proposalOf(n);
      const blockNumber = await headBlock(chain);
      const snapshot = await client.readContract({
        address: governor,
        abi: protocolAbis.governor,
        functionName: "proposalSnapshot",
        args: [p.id],
        blockNumber,
      });
      if (snapshot >= blockNumber) return addresses.map(() => 0n);
      return Promise.all(
        addresses.map((a) =>
          client.readContract({
            address: token,
            abi: protocolAbis.votes,
            functionName: "getPastVotes",
            args: [a, snapshot],
            blockNumber,
          }),
        ),
      );
    },
    readGovernedParams,
  };
}
