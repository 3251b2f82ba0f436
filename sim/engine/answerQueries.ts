import type { PublicState } from "../population/agentTypes.ts";
import type { Rng } from "../rng/createRng.ts";
import type { SubnetTask } from "../tasks/subnetTask.ts";
import type { MinerSpec } from "./buildPopulation.ts";
import { operatorTeams } from "./operatorTeams.ts";

export interface AnsweredBatch {
  epoch: number;
  /** Pool indices of every validator's queries, concatenated in validator order. */
  indices: number[];
  queryCounts: number[];
  /** What each miner submitted, [queries × outputs], in miner order. */
  answers: Float32Array[];
  /** Per validator, the miners (indices) it queried; null: every miner. */
  minerSubsets: (number[] | null)[];
  /** The epoch's validators and miners (slots, in order) and the miners' UIDs: whom the scores of
   * this batch are about when its truth arrives, perhaps after the UIDs changed hands. */
  validatorSlots: number[];
  minerSlots: number[];
  minerUids: number[];
  /** What each miner (by model index, all miners) submitted last: this batch, or before. */
  answersByModel: (Float32Array | undefined)[];
}

/**
 * Miners answer the epoch's queries: ONE inference call for every miner's model on the concatenated
 * batch, then each miner's strategy decides what it submits (honest: its model's answers).
 */
export async function answerQueries(
  task: SubnetTask,
  infer: (queries: Float32Array, nQueries: number) => Float32Array | Promise<Float32Array>,
  miners: readonly MinerSpec[],
  batch: {
    epoch: number;
    indices: number[];
    queryCounts: number[];
    minerSubsets: (number[] | null)[];
    validatorSlots: number[];
  },
  context: { rng: Rng; previous: readonly (Float32Array | undefined)[]; publicState: PublicState },
): Promise<AnsweredBatch> {
  const nQueries = batch.indices.length;
  const per = nQueries * task.outputs;
  // Every model answers (the adapter holds all miners); only the miners holding a UID submit, and
  // `all` shows them only, in their order.
  const everyModel = await infer(task.queries(batch.epoch, batch.indices), nQueries);
  const all = miners.every((m, i) => m.model === i)
    ? everyModel.subarray(0, miners.length * per)
    : gather(everyModel, miners, per);
  const minerUids = miners.map((m) => m.uid);
  const kind = task.output === "softmax" ? "probabilities" : "values";
  // Keep submitted answers apart from the adapter's buffer, which a later call may reuse.
  const own = (answer: Float32Array) => (answer.buffer === all.buffer ? answer.slice() : answer);
  const teams = operatorTeams({ validators: [], miners });
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
        previous: context.previous[m.model],
        publicState: context.publicState,
        team: teams.miner(m, i),
      }),
    ),
  );
  const answersByModel = context.previous.slice();
  miners.forEach((m, i) => {
    answersByModel[m.model] = answers[i];
  });
  return {
    ...batch,
    answers,
    minerSlots: miners.map((m) => m.slot),
    minerUids,
    answersByModel,
  };
}

/** The answers of `miners`' models, [miners × per], out of every model's. */
function gather(everyModel: Float32Array, miners: readonly MinerSpec[], per: number): Float32Array {
  const out = new Float32Array(miners.length * per);
  miners.forEach((m, i) => {
    out.set(everyModel.subarray(m.model * per, (m.model + 1) * per), i * per);
  });
  return out;
}
