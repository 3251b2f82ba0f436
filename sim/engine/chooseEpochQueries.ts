import type { Rng } from "../rng/createRng.ts";
import type { EpochContext } from "./epochContext.ts";
import type { EpochRecorder } from "./epochRecorder.ts";
import { postTaskBatches } from "./taskMarket.ts";

/** The epoch's queries: what each validator sends, to whom, and the fees users escrowed for them. */
export interface EpochQueries {
  /** Per validator, the pool indices of its queries. */
  perValidator: number[][];
  /** Per validator, the miners (by index) it queries; null: all. */
  minerSubsets: (number[] | null)[];
  /** Fees the users escrowed for this epoch's task batches (wei). */
  escrowedWei: bigint;
}

/**
 * Steps 1-2, the tasks phase: the epoch opens on-chain; each validator picks its queries from the pool
 * (and, when the scenario limits it, which miners it queries); the users escrow the fees of the
 * queries validators send, which are their tasks.
 */
export async function chooseEpochQueries(
  ctx: Pick<EpochContext, "population" | "session" | "task" | "market">,
  epoch: number,
  rng: Rng,
  recorder: EpochRecorder,
): Promise<EpochQueries> {
  const { session, task } = ctx;
  const { validators, miners } = ctx.population;
  recorder.record("tasks", await session.openEpoch(epoch));
  const perValidator = validators.map((v) =>
    v.strategy.chooseQueries({
      epoch,
      rng: rng.fork(v.agent),
      poolSize: task.poolSize,
      count: v.queriesPerEpoch,
    }),
  );
  const minerSubsets = validators.map((v) =>
    v.minersPerEpoch === "all" || v.strategy.chooseMiners === undefined
      ? null
      : v.strategy.chooseMiners({
          epoch,
          rng: rng.fork(`${v.agent}:miners`),
          minerCount: miners.length,
          count: v.minersPerEpoch,
        }),
  );
  const posted = await postTaskBatches(session, ctx.market, epoch, perValidator.flat().length);
  recorder.record("tasks", posted.result);
  return { perValidator, minerSubsets, escrowedWei: posted.escrowedWei };
}
