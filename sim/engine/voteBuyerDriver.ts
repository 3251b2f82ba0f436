import { type BribeHolder, planBribes } from "../../agents/planBribes.ts";
import type {
  Address,
  BribeCall,
  ProposalDraft,
  ProtocolSession,
  SessionAgent,
} from "../protocol/protocolSession.ts";
import { toTokens, toWei } from "../protocol/tokenUnits.ts";
import type { GovernanceRow } from "../run/runTables.ts";
import type { GovernanceScenario } from "../scenario/governanceSchema.ts";
import type { EpochRecorder } from "./epochRecorder.ts";
import { resolveParameterChanges } from "./resolveDeployment.ts";

type Row = Partial<GovernanceRow> & Pick<GovernanceRow, "epoch" | "proposal" | "action">;

/** The vote buyer's part of the governance phase (`governance.voteBuyer`): its proposal, its offers
 * through the bribe escrow, the holders' claims and its refund. */
export interface VoteBuyerDriver {
  readonly buyer: SessionAgent;
  /** Its proposal, when `epoch` is the one it proposes in. */
  draftAt(epoch: number): ProposalDraft | undefined;
  /** Marks proposal `n` as its own. */
  adopt(n: number): void;
  isOwn(n: number): boolean;
  /**
   * When its proposal's vote opens, before anyone votes: plans the bribes and escrows them (approve
   * and offer, one block). Returns each offered holder's bribe (wei), by agent.
   */
  offer(
    epoch: number,
    n: number,
    holders: readonly BribeHolder[],
    quorumWei: bigint,
    recorder: EpochRecorder,
  ): Promise<Map<string, bigint>>;
  /** The holders that took a bribe and voted for it claim it (one block). */
  claim(
    epoch: number,
    holders: readonly (SessionAgent & { votes: bigint })[],
    recorder: EpochRecorder,
  ): Promise<void>;
  /** Once its proposal's vote is over, the buyer takes back what was not earned (one block). */
  refund(epoch: number, recorder: EpochRecorder): Promise<void>;
  /** Whether an offer awaits its refund. */
  readonly refundDue: boolean;
  /** Bribes paid to holders so far (tokens): the buyer's cost. */
  paidTokens(): number;
}

/** The Nakamoto coefficient of `votes`: the fewest holders with more than half of them (0: none). */
export function nakamotoOfVotes(votes: readonly bigint[]): number {
  const total = votes.reduce((s, v) => s + v, 0n);
  if (total === 0n) return 0;
  const sorted = [...votes].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
  let held = 0n;
  for (const [i, v] of sorted.entries()) {
    held += v;
    if (2n * held > total) return i + 1;
  }
  return sorted.length;
}

export function createVoteBuyerDriver(
  g: GovernanceScenario,
  session: ProtocolSession,
  buyer: SessionAgent,
  tempo: number,
  row: (r: Row) => void,
): VoteBuyerDriver {
  const config = g.voteBuyer!;
  const own = new Set<number>();
  let offer: { number: number; proposal: number } | undefined;
  let offers = 0;
  let paidWei = 0n;
  let bribes = new Map<string, bigint>();
  const submit = async (calls: BribeCall[], recorder: EpochRecorder) => {
    const result = await session.submitBribes(calls);
    recorder.record("governance", result);
    return result;
  };
  return {
    buyer,
    draftAt: (epoch) =>
      epoch !== config.epoch
        ? undefined
        : {
            proposer: buyer,
            changes: resolveParameterChanges(config.changes, tempo),
            description: config.description,
          },
    adopt: (n) => void own.add(n),
    isOwn: (n) => own.has(n),
    get refundDue() {
      return offer !== undefined;
    },
    async offer(epoch, n, holders, quorumWei, recorder) {
      const plan = planBribes({
        holders,
        quorumWei,
        quadratic: g.countingMode === "quadratic",
        budgetWei: toWei(config.budget),
        marginBps: Math.round(config.margin * 10_000),
      });
      const nakamoto = nakamotoOfVotes(holders.map((h) => h.votes));
      const summary = `holders=${plan.offers.length} bribes=${toTokens(plan.totalWei)} needed=${toTokens(plan.neededWei)} nakamoto=${nakamoto} quorum=${toTokens(quorumWei)}`;
      if (!plan.feasible || plan.offers.length === 0) {
        row({
          epoch,
          proposal: n,
          action: "offer",
          agent: buyer.agent,
          status: plan.feasible ? "none needed" : "skipped",
          detail: plan.feasible ? summary : `${summary} (${plan.reason})`,
        });
        return new Map();
      }
      const result = await submit(
        [
          { kind: "approve", from: buyer, amount: plan.totalWei },
          {
            kind: "offer",
            from: buyer,
            proposal: n,
            support: 1,
            holders: plan.offers.map((o) => o.address as Address),
            amounts: plan.offers.map((o) => o.amountWei),
          },
        ],
        recorder,
      );
      const o = result.outcomes[1];
      row({
        epoch,
        proposal: n,
        action: "offer",
        agent: buyer.agent,
        votes: toTokens(plan.offers.reduce((s, x) => s + x.votes, 0n)),
        status: o.status,
        error: o.error ?? "",
        detail: summary,
      });
      if (o.status !== "success") return new Map();
      offer = { number: offers++, proposal: n };
      bribes = new Map(plan.offers.map((x) => [x.agent, x.amountWei]));
      return bribes;
    },
    async claim(epoch, holders, recorder) {
      if (offer === undefined || holders.length === 0) return;
      const { number, proposal } = offer;
      const result = await submit(
        holders.map((h) => ({ kind: "claim" as const, from: h, offer: number })),
        recorder,
      );
      result.outcomes.forEach((o, i) => {
        const amount = bribes.get(holders[i].agent) ?? 0n;
        if (o.status === "success") paidWei += amount;
        row({
          epoch,
          proposal,
          action: "claim",
          agent: o.agent,
          votes: toTokens(holders[i].votes),
          status: o.status,
          error: o.error ?? "",
          detail: String(toTokens(amount)),
        });
      });
    },
    async refund(epoch, recorder) {
      if (offer === undefined) return;
      const before = (await session.readBribeBooks()).totalEscrowed;
      const result = await submit([{ kind: "refund", from: buyer, offer: offer.number }], recorder);
      const o = result.outcomes[0];
      if (o.error === "VoteNotOver") return; // tried again next epoch
      const after = (await session.readBribeBooks()).totalEscrowed;
      row({
        epoch,
        proposal: offer.proposal,
        action: "refund",
        agent: buyer.agent,
        status: o.status,
        error: o.error ?? "",
        detail: String(toTokens(before - after)),
      });
      offer = undefined;
    },
    paidTokens: () => toTokens(paidWei),
  };
}
