import { acceptsBribe, bribeFloorWei, interestVote } from "../../agents/interestVoter.ts";
import { proposeForGain } from "../../agents/proposeForGain.ts";
import type {
  Ballot,
  GovernedParams,
  ParameterChanges,
  PhaseResult,
  ProposalDraft,
  ProtocolSession,
} from "../protocol/protocolSession.ts";
import { toTokens, toWei } from "../protocol/tokenUnits.ts";
import type { GovernanceRow } from "../run/runTables.ts";
import type { GovernanceScenario } from "../scenario/governanceSchema.ts";
import type { Population } from "./buildPopulation.ts";
import type { EpochRecorder } from "./epochRecorder.ts";
import { resolveParameterChanges } from "./resolveDeployment.ts";
import { createVoteBuyerDriver } from "./voteBuyerDriver.ts";

interface Tracked {
  proposal: number;
  /** Who proposed it (a proposer agent makes no new proposal while one of its own is open). */
  proposer: string;
  changes: ParameterChanges;
  detail: string;
  voted: boolean;
  queuedEpoch?: number;
}

/** The run's governance: genesis delegation, then each epoch's governance phase. */
export interface GovernanceDriver {
  /** Every proposal, vote, queueing, execution and outcome so far (governance.csv). */
  readonly rows: GovernanceRow[];
  /** Bribes the vote buyer paid (tokens), by its agent id (empty without one): part of its cost. */
  bribeCosts(): Map<string, number>;
  /** Genesis delegation (one block), or null without it. */
  delegateGenesis(): Promise<PhaseResult | null>;
  /**
   * The epoch's governance phase, after emission: the scheduled proposals of `epoch` are made, voters
   * vote on each proposal that became active (their interest from `rewardWei`, this epoch's reward by
   * slot), passed ones are queued, queued ones executed once the timelock delay has run. Returns the
   * governed parameters when an execution changed them (they apply from the next epoch), else null.
   */
  step(
    epoch: number,
    rewardBySlot: readonly bigint[],
    recorder: EpochRecorder,
  ): Promise<GovernedParams | null>;
}

const SUPPORT = ["against", "for", "abstain"] as const;

/** `{emissionSplit: …}` as one line: `split 0.18/0.41/0.41; slash 0.2`. */
export function describeChanges(c: ParameterChanges): string {
  const parts: string[] = [];
  const f = (bps: number) => String(bps / 10_000);
  if (c.emissionSplit !== undefined) {
    const s = c.emissionSplit;
    parts.push(`split ${f(s.ownerBps)}/${f(s.minerBps)}/${f(s.validatorBps)}`);
  }
  if (c.slashBps !== undefined) parts.push(`slash ${f(c.slashBps)}`);
  if (c.immunityPeriod !== undefined) parts.push(`immunity ${c.immunityPeriod} blocks`);
  if (c.registrationBurn !== undefined) {
    const b = c.registrationBurn;
    parts.push(
      `burn ${toTokens(b.minBurn)}..${toTokens(b.maxBurn)} ×${f(b.burnIncreaseBps)} half-life ${b.burnHalfLife}`,
    );
  }
  if (c.revealDelayEpochs !== undefined) parts.push(`reveal delay ${c.revealDelayEpochs} epochs`);
  if (c.takeCeilingBps !== undefined) parts.push(`take ceiling ${f(c.takeCeilingBps)}`);
  if (c.epochEmission !== undefined) parts.push(`emission ${toTokens(c.epochEmission)}/epoch`);
  return parts.join("; ");
}

export function createGovernanceDriver(
  g: GovernanceScenario,
  session: ProtocolSession,
  population: Population,
  tempo: number,
): GovernanceDriver {
  const rows: GovernanceRow[] = [];
  const tracked: Tracked[] = [];
  const agents = [...population.validators, ...population.miners]
    .map((a) => ({
      slot: a.slot,
      agent: a.agent,
      role: (a.agent.startsWith("validator-") ? "validator" : "miner") as "miner" | "validator",
      address: session.agentAddresses[a.slot],
    }))
    .sort((a, b) => a.slot - b.slot);
  const byAgent = new Map(agents.map((a) => [a.agent, a]));
  const turnoutCostWei = toWei(g.turnoutCost);
  const row = (r: Partial<GovernanceRow> & Pick<GovernanceRow, "epoch" | "proposal" | "action">) => {
    rows.push({ agent: "", support: "", votes: 0, status: "", error: "", detail: "", ...r });
  };
  const buyerAgent = g.voteBuyer === undefined ? undefined : byAgent.get(g.voteBuyer.agent);
  const buyer =
    buyerAgent === undefined
      ? undefined
      : createVoteBuyerDriver(
          g,
          session,
          { agent: buyerAgent.agent, address: buyerAgent.address },
          tempo,
          row,
        );
  const recordCalls = (
    epoch: number,
    action: GovernanceRow["action"],
    proposals: readonly number[],
    result: PhaseResult,
  ) =>
    result.outcomes.forEach((o, i) => {
      row({ epoch, proposal: proposals[i], action, agent: o.agent, status: o.status, error: o.error ?? "" });
    });

  /** The proposer agents' drafts of this epoch: each one due that expects to gain (and has no
   * proposal of its own still open) proposes a step toward its side of the split. */
  const proposerDrafts = (epoch: number, rewardBySlot: readonly bigint[]) =>
    (g.proposers ?? []).flatMap((p): (ProposalDraft & { note: string })[] => {
      if (epoch < p.firstEpoch || (epoch - p.firstEpoch) % p.everyEpochs !== 0) return [];
      if (tracked.some((t) => t.proposer === p.agent)) return [];
      const a = byAgent.get(p.agent)!;
      const split = session.emissionSplitBps;
      const proposed = proposeForGain({
        role: a.role,
        recentRewardWei: rewardBySlot[a.slot] ?? 0n,
        current: { ownerBps: split.owner, minerBps: split.miners, validatorBps: split.validators },
        stepBps: Math.round(p.step * 10_000),
        maxShareBps: Math.round(p.maxShare * 10_000),
        horizonEpochs: g.horizonEpochs,
        minGainWei: toWei(p.minGain),
      });
      if (proposed === null) return [];
      return [
        {
          proposer: { agent: a.agent, address: a.address },
          changes: { emissionSplit: proposed.split },
          description: p.description === "" ? `${a.agent}: a larger ${a.role}s' share` : p.description,
          note: `; proposer expects +${toTokens(proposed.gainWei).toFixed(2)}/epoch`,
        },
      ];
    });

  const propose = async (epoch: number, rewardBySlot: readonly bigint[], recorder: EpochRecorder) => {
    const due = g.proposals.filter((p) => p.epoch === epoch);
    const drafts: (ProposalDraft & { note?: string })[] = due.map((p) => {
      const proposer = byAgent.get(p.proposer)!;
      return {
        proposer: { agent: proposer.agent, address: proposer.address },
        changes: resolveParameterChanges(p.changes, tempo),
        description: p.description,
      };
    });
    const bought = buyer?.draftAt(epoch);
    if (bought !== undefined) drafts.push(bought);
    // After the scheduled ones and the buyer's, so runs without proposer agents number theirs as before.
    drafts.push(...proposerDrafts(epoch, rewardBySlot));
    if (drafts.length === 0) return;
    const result = await session.propose(drafts);
    recorder.record("governance", result);
    result.outcomes.forEach((o, i) => {
      const n = result.proposals[i];
      const detail = describeChanges(drafts[i].changes);
      row({
        epoch,
        proposal: n ?? -1,
        action: "propose",
        agent: o.agent,
        status: o.status,
        error: o.error ?? "",
        detail: `${detail}${drafts[i].note ?? ""}`,
      });
      if (n !== null)
        tracked.push({ proposal: n, proposer: o.agent, changes: drafts[i].changes, detail, voted: false });
      if (n !== null && bought !== undefined && drafts[i] === bought) buyer?.adopt(n);
    });
  };

  const vote = async (
    epoch: number,
    t: Tracked,
    quorumWei: bigint,
    rewardBySlot: readonly bigint[],
    recorder: EpochRecorder,
  ) => {
    t.voted = true;
    // What each ballot weighs: the voter's votes at the snapshot (it stays home without any).
    const votes = await session.readSnapshotVotes(
      t.proposal,
      agents.map((a) => a.address),
    );
    const split = session.emissionSplitBps;
    const current = { minerBps: split.miners, validatorBps: split.validators };
    const proposed = t.changes.emissionSplit;
    const decisions = agents.map((a, i) => ({
      a,
      votes: votes[i],
      decision: interestVote({
        role: a.role,
        recentRewardWei: rewardBySlot[a.slot] ?? 0n,
        current,
        proposed,
        horizonEpochs: g.horizonEpochs,
        turnoutCostWei,
      }),
    }));
    const floorOf = (d: (typeof decisions)[number]) =>
      bribeFloorWei(d.decision, g.horizonEpochs, turnoutCostWei);
    // The vote buyer's proposal: it offers its bribes before anyone votes; a holder that accepts
    // votes for.
    const offered =
      buyer?.isOwn(t.proposal) === true
        ? await buyer.offer(
            epoch,
            t.proposal,
            decisions
              .filter((d) => d.a.agent !== buyer.buyer.agent && d.votes > 0n)
              .map((d) => ({
                agent: d.a.agent,
                address: d.a.address,
                votes: d.votes,
                support: d.decision.support,
                floorWei: floorOf(d),
              })),
            quorumWei,
            recorder,
          )
        : new Map<string, bigint>();
    const ballots: (Ballot & { deltaWei: bigint; votes: bigint; bribed: boolean })[] = [];
    for (const d of decisions) {
      if (d.votes === 0n) continue;
      const bribe = offered.get(d.a.agent);
      const bribed = bribe !== undefined && acceptsBribe(bribe, floorOf(d));
      const support = bribed ? 1 : d.decision.support;
      if (support === undefined) continue;
      ballots.push({
        agent: d.a.agent,
        address: d.a.address,
        support,
        deltaWei: d.decision.deltaWei,
        votes: d.votes,
        bribed,
      });
    }
    if (ballots.length === 0) return;
    const result = await session.castVotes(t.proposal, ballots);
    recorder.record("governance", result);
    result.outcomes.forEach((o, i) => {
      const b = ballots[i];
      row({
        epoch,
        proposal: t.proposal,
        action: "vote",
        agent: o.agent,
        support: SUPPORT[b.support],
        votes: toTokens(b.votes),
        status: o.status,
        error: o.error ?? "",
        detail: b.bribed ? `${toTokens(b.deltaWei)}; bribed` : String(toTokens(b.deltaWei)),
      });
    });
    if (buyer === undefined || offered.size === 0) return;
    await buyer.claim(
      epoch,
      ballots.filter((b, i) => b.bribed && result.outcomes[i].status === "success"),
      recorder,
    );
  };

  return {
    rows,
    bribeCosts: () => (buyer === undefined ? new Map() : new Map([[buyer.buyer.agent, buyer.paidTokens()]])),
    async delegateGenesis() {
      if (g.delegation === "none") return null;
      // The vote buyer's war chest does not vote: it never delegates.
      return session.delegateVotes(
        agents
          .filter((a) => a.agent !== buyer?.buyer.agent)
          .map((a) => ({ agent: a.agent, address: a.address, delegatee: a.address })),
      );
    },
    async step(epoch, rewardBySlot, recorder) {
      await propose(epoch, rewardBySlot, recorder);
      const toQueue: Tracked[] = [];
      const toExecute: Tracked[] = [];
      for (const t of [...tracked]) {
        const view = await session.readProposal(t.proposal);
        if (
          buyer?.refundDue &&
          buyer.isOwn(t.proposal) &&
          view.state !== "Active" &&
          view.state !== "Pending"
        )
          await buyer.refund(epoch, recorder);
        if (view.state === "Active" && !t.voted) await vote(epoch, t, view.quorum, rewardBySlot, recorder);
        else if (view.state === "Succeeded") toQueue.push(t);
        else if (view.state === "Queued" && epoch - (t.queuedEpoch ?? epoch) >= g.timelockDelayEpochs)
          toExecute.push(t);
        else if (view.state === "Defeated" || view.state === "Canceled" || view.state === "Expired") {
          row({
            epoch,
            proposal: t.proposal,
            action: "outcome",
            votes: toTokens(view.forVotes),
            status: view.state,
            detail: t.detail,
          });
          tracked.splice(tracked.indexOf(t), 1);
        }
      }
      if (toQueue.length > 0) {
        const result = await session.queueProposals(toQueue.map((t) => t.proposal));
        recorder.record("governance", result);
        recordCalls(
          epoch,
          "queue",
          toQueue.map((t) => t.proposal),
          result,
        );
        result.outcomes.forEach((o, i) => {
          if (o.status === "success") toQueue[i].queuedEpoch = epoch;
        });
      }
      if (toExecute.length === 0) return null;
      const result = await session.executeProposals(toExecute.map((t) => t.proposal));
      recorder.record("governance", result);
      recordCalls(
        epoch,
        "execute",
        toExecute.map((t) => t.proposal),
        result,
      );
      let changed = false;
      for (const [i, o] of result.outcomes.entries()) {
        if (o.status !== "success") {
          // Not ready yet: tried again next epoch. Any other revert (a change out of the contracts'
          // bounds) will revert every time: the proposal ends queued.
          if (o.error === "TimelockUnexpectedOperationState") continue;
          const t = toExecute[i];
          row({
            epoch,
            proposal: t.proposal,
            action: "outcome",
            status: "Queued",
            error: o.error ?? "",
            detail: t.detail,
          });
          tracked.splice(tracked.indexOf(t), 1);
          continue;
        }
        changed = true;
        const t = toExecute[i];
        const view = await session.readProposal(t.proposal);
        row({
          epoch,
          proposal: t.proposal,
          action: "outcome",
          votes: toTokens(view.forVotes),
          status: view.state,
          detail: `${t.detail}; effective from epoch ${epoch + 1}`,
        });
        tracked.splice(tracked.indexOf(t), 1);
      }
      return changed ? session.readGovernedParams() : null;
    },
  };
}
