import { createInferenceAdapter, type InferenceAdapter } from "../inference/createInferenceAdapter.ts";
import { createWorkerInferenceAdapter } from "../inference/createWorkerInferenceAdapter.ts";
import { type InferenceBackendName, initInferenceBackend } from "../inference/initInferenceBackend.ts";
import {
  type AsyncInferenceAdapter,
  createWebgpuInferenceAdapter,
} from "../inference/webgpu/createWebgpuInferenceAdapter.ts";
import type { SubnetTask, TaskMinerSpec } from "./subnetTask.ts";

export interface TaskInference {
  /** Synchronous `infer`, except on webgpu (results read back asynchronously). */
  adapter: InferenceAdapter | AsyncInferenceAdapter;
  /** Worker threads the adapter runs on (0: this thread). */
  workers: number;
  /**
   * Each miner's true quality (`task.quality.metric`), in spec order. On workers it may still be
   * being measured there: await it before the first `infer` (which would otherwise wait behind it,
   * and which it warms up), and overlap it with other setup work meanwhile.
   */
  trueQuality: Promise<number[]>;
}

/**
 * The task's miners ready to answer: with `workers` = 0 built in this thread (`task.buildMiners`) and
 * packed into the one-thread adapter; otherwise planned (`task.planMiners`) and built inside the
 * worker threads, which also measure true quality on the held-out set when it is not known in
 * closed form, so this thread never holds the miners' weights. Both give the same answers and the
 * same true qualities for the same task and specs.
 */
export async function startTaskInference(
  task: SubnetTask,
  specs: readonly TaskMinerSpec[],
  options: { backend?: InferenceBackendName; workers: number },
): Promise<TaskInference> {
  const adapterOptions = { backend: options.backend, output: task.output };
  const webgpu = options.backend === "webgpu";
  if (webgpu || options.workers === 0) {
    // webgpu: one device, in this thread. The tier base models train (and true quality is measured)
    // on wasm: tfjs-layers training reads tensors synchronously, which webgpu cannot do in Node.
    if (webgpu) await initInferenceBackend("wasm");
    const miners = await task.buildMiners(specs);
    const weights = miners.map((m) => m.weights);
    const adapter = webgpu
      ? await createWebgpuInferenceAdapter(weights, { output: task.output })
      : await createInferenceAdapter(weights, adapterOptions);
    return { adapter, workers: 0, trueQuality: Promise.resolve(miners.map((m) => m.trueQuality)) };
  }
  const plan = await task.planMiners(specs);
  // The held-out measurement runs every miner before the first epoch, so it warms the workers up
  // as well as the warm-up passes would (measured at 10,000 miners: the first 64-query call is as
  // fast as the third), and those passes (~1.5 s there) are skipped.
  const adapter = await createWorkerInferenceAdapter(plan.source, {
    ...adapterOptions,
    workers: options.workers,
    warmupQueries: "heldout" in plan ? 0 : undefined,
  });
  const trueQuality =
    "trueQuality" in plan
      ? Promise.resolve([...plan.trueQuality])
      : adapter.measureAccuracy(plan.heldout.x, plan.heldout.labels);
  trueQuality.catch(() => {}); // the caller awaits it; a failure surfaces there
  return { adapter, workers: adapter.workers, trueQuality };
}
