import type { PublicState } from "../population/agentTypes.ts";
import type { Rng } from "../rng/createRng.ts";
import type { SubnetTask } from "../tasks/subnetTask.ts";
import type { MinerSpec } from "./buildPopulation.ts";

export interface AnsweredBatch {
  epoch: number;
  /** Pool indices of every validator's queries, concatenated in validator order. */
  indices: number[];
  queryCounts: number[];
  /** What each miner submitted, [queries × outputs], in miner order. */
  answers: Float32Array[];
  /** Per validator, the miners (indices) it queried; null: every miner. */
  minerSubsets: (number[] | null)[];
}

/**
 * Miners answer the epoch's queries: ONE inference call for every miner's model on the concatenated
 * batch, then each miner's strategy decides what it submits (honest: its model's answers).
 */
export function answerQueries(
  task: SubnetTask,
  infer: (queries: Float32Array, nQueries: number) => Float32Array,
  miners: readonly MinerSpec[],
  batch: { epoch: number; indices: number[]; queryCounts: number[]; minerSubsets: (number[] | null)[] },
  context: { rng: Rng; previous: readonly (Float32Array | undefined)[]; publicState: PublicState },
): AnsweredBatch {
  const nQueries = batch.indices.length;
  const all = infer(task.queries(batch.epoch, batch.indices), nQueries);
  const per = nQueries * task.outputs;
  const minerUids = miners.map((m) => m.uid);
  const kind = task.output === "softmax" ? "probabilities" : "values";
  // Keep submitted answers apart from the adapter's buffer, which a later call may reuse.
  const own = (answer: Float32Array) => (answer.buffer === all.buffer ? answer.slice() : answer);
  const answers = miners.map((m, i) =>
    own(
      m.strategy.answer({
        epoch: batch.epoch,
        rng: context.rng.fork(m.agent),
        own: all.subarray(i * per, (i + 1) * per),
        nQueries,
        outputs: task.outputs,
        kind,
        minerIndex: i,
        minerUids,
        all,
        previous: context.previous[i],
        publicState: context.publicState,
      }),
    ),
  );
  return { ...batch, answers };
}
