import { mlpSize } from "../models/mlpWeights.ts";
import type { SubnetTask } from "../tasks/subnetTask.ts";

/**
 * Floating-point operations one query costs a miner of `tier` running its own model: a multiply and
 * an add per weight of its inputSize-hidden-outputs MLP (biases and activations are noise next to
 * it). 0 where the task does not say its models' width.
 */
export function flopsPerQuery(
  task: Pick<SubnetTask, "inputSize" | "outputs" | "hiddenWidth">,
  tier: string,
): number {
  const hidden = task.hiddenWidth?.(tier) ?? 0;
  return hidden > 0 ? 2 * mlpSize(task.inputSize, hidden, task.outputs) : 0;
}
