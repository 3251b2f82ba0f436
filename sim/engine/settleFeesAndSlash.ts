import type { WeightSubmission } from "../protocol/protocolSession.ts";
import type { Rng } from "../rng/createRng.ts";
import type { EpochContext } from "./epochContext.ts";
import type { EpochRecorder } from "./epochRecorder.ts";
import { runSlashing } from "./slashingPhase.ts";
import { settleTaskFees, type TaskFees } from "./taskMarket.ts";

/** Where the epoch's money went besides emission, by UID (wei). */
export interface FeesAndSlashes {
  fees: TaskFees;
  /** What emission paid each UID: what it received less its released task fees. */
  rewardWei: bigint[];
  slashedWei: bigint[];
}

/**
 * After the payout: the epoch's task fees are released with it, or refunded when the epoch failed
 * (timed with emission); what each agent received in fees is kept apart from its emission reward.
 * Then slashing (step 8; one block, only when there is something to slash): the watcher's proofs
 * against this epoch's reveals and the owner's flags; slashed stake is burned.
 */
export async function settleFeesAndSlash(
  ctx: Pick<EpochContext, "population" | "session" | "addressOf" | "market" | "slashing">,
  epoch: number,
  paid: {
    /** What each UID received in the payout (emission and released fees). */
    paidWei: readonly bigint[];
    escrowedWei: bigint;
    revealEpoch: number;
    revealBlock: bigint;
    revealed: readonly WeightSubmission[];
  },
  rng: Rng,
  recorder: EpochRecorder,
): Promise<FeesAndSlashes> {
  const { session } = ctx;
  const fees = await recorder.timed("emission", async () => {
    const settled = await settleTaskFees(
      session,
      ctx.market,
      epoch,
      paid.revealBlock + 1n,
      ctx.addressOf,
      paid.escrowedWei,
    );
    recorder.record("emission", settled.result);
    return settled.fees;
  });
  const rewardWei = paid.paidWei.map((p, uid) => p - fees.feesWei[uid]);
  if (ctx.slashing === undefined) return { fees, rewardWei, slashedWei: rewardWei.map(() => 0n) };
  const slashing = await recorder.timed("slashing", () =>
    runSlashing(session, ctx.slashing, {
      population: ctx.population,
      revealEpoch: paid.revealEpoch,
      reveals: paid.revealed,
      rng: rng.fork("slashing"),
    }),
  );
  recorder.record("slashing", slashing.result);
  return { fees, rewardWei, slashedWei: slashing.slashedWei };
}
