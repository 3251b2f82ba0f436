/**
 * The vote buyer's plan (issue 23): which holders to bribe, and with how much, so that its proposal
 * passes. It knows what every holder's ballot weighs (its votes at the snapshot), how each would vote
 * unbribed, and each one's floor, what the holder must be paid to vote for: its expected loss over
 * its horizon plus its cost of voting (`bribeFloorWei`). It buys the cheapest counted votes first (a
 * holder that would vote against counts twice toward the margin, once toward the quorum) until
 * for > against and for ≥ the quorum, then drops the dearest bribes it turned out not to need. No plan
 * (`feasible: false`) when the holders cannot pass it or the bribes cost more than the budget. Pure.
 */
import { sqrtFloor } from "../sim/protocol/sqrtFloor.ts";

export interface BribeHolder {
  agent: string;
  address: string;
  /** Its votes at the snapshot (wei). */
  votes: bigint;
  /** How it votes unbribed: 1 for, 0 against, undefined it stays home. */
  support: 0 | 1 | undefined;
  /** What it must be paid to vote for (wei). */
  floorWei: bigint;
}

export interface BribePlanInput {
  holders: readonly BribeHolder[];
  /** Votes (raw) for + abstain must reach. */
  quorumWei: bigint;
  /** Ballots count by the square root of their votes (GovernorCountingBallots). */
  quadratic: boolean;
  budgetWei: bigint;
  /** A bribe is the floor × (1 + marginBps / 10,000) + 1 wei. */
  marginBps: number;
}

export interface BribeOfferPlan {
  agent: string;
  address: string;
  votes: bigint;
  amountWei: bigint;
}

export interface BribePlan {
  feasible: boolean;
  /** Why there is no plan (empty when feasible). */
  reason: string;
  offers: BribeOfferPlan[];
  totalWei: bigint;
  /** What the bribes would have cost, feasible or not (wei; the holders bought before it stopped). */
  neededWei: bigint;
}

const counted = (votes: bigint, quadratic: boolean) => (quadratic ? sqrtFloor(votes * 10n ** 18n) : votes);

export function bribeAmountWei(floorWei: bigint, marginBps: number): bigint {
  return (floorWei * BigInt(10_000 + marginBps)) / 10_000n + 1n;
}

export function planBribes(x: BribePlanInput): BribePlan {
  let forVotes = 0n;
  let against = 0n;
  let forRaw = 0n;
  for (const h of x.holders) {
    if (h.support === 1) {
      forVotes += counted(h.votes, x.quadratic);
      forRaw += h.votes;
    } else if (h.support === 0) against += counted(h.votes, x.quadratic);
  }
  const candidates = x.holders
    .filter((h) => h.support !== 1 && h.votes > 0n)
    .map((h) => {
      const weight = counted(h.votes, x.quadratic);
      return {
        h,
        weight,
        gain: h.support === 0 ? 2n * weight : weight,
        amount: bribeAmountWei(h.floorWei, x.marginBps),
      };
    })
    .sort((a, b) => {
      // Cheapest per counted vote first (amount / gain, compared by cross products); ties by agent.
      const d = a.amount * b.gain - b.amount * a.gain;
      return d < 0n ? -1 : d > 0n ? 1 : a.h.agent < b.h.agent ? -1 : 1;
    });
  type Bought = (typeof candidates)[number];
  const passes = (bought: readonly Bought[]) => {
    let f = forVotes;
    let a = against;
    let raw = forRaw;
    for (const b of bought) {
      f += b.weight;
      raw += b.h.votes;
      if (b.h.support === 0) a -= b.weight;
    }
    return f > a && raw >= x.quorumWei;
  };
  const bought: Bought[] = [];
  for (const c of candidates) {
    if (passes(bought)) break;
    bought.push(c);
  }
  const total = (bs: readonly Bought[]) => bs.reduce((s, b) => s + b.amount, 0n);
  if (!passes(bought)) {
    return {
      feasible: false,
      reason: "the holders' votes cannot pass it",
      offers: [],
      totalWei: 0n,
      neededWei: total(bought),
    };
  }
  // Drop the dearest bribes the others make unnecessary.
  for (const b of [...bought].sort((p, q) => (p.amount > q.amount ? -1 : p.amount < q.amount ? 1 : 0))) {
    const without = bought.filter((y) => y !== b);
    if (passes(without)) bought.splice(bought.indexOf(b), 1);
  }
  const totalWei = total(bought);
  if (totalWei > x.budgetWei) {
    return { feasible: false, reason: "over budget", offers: [], totalWei: 0n, neededWei: totalWei };
  }
  return {
    feasible: true,
    reason: "",
    offers: bought.map((b) => ({
      agent: b.h.agent,
      address: b.h.address,
      votes: b.h.votes,
      amountWei: b.amount,
    })),
    totalWei,
    neededWei: totalWei,
  };
}
