import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Rng } from "../rng/createRng.ts";
import { createDigitsTask, type DigitsTaskOptions } from "./digitsTask.ts";
import { createForecastingTask, type ForecastingOptions } from "./forecastingTask.ts";
import type { SubnetTask, TaskKind } from "./subnetTask.ts";
import { TASK_KINDS } from "./subnetTask.ts";
import { createTabularRegressionTask, type TabularRegressionOptions } from "./tabularRegressionTask.ts";

export interface TaskOptions {
  digits?: DigitsTaskOptions;
  "tabular-regression"?: TabularRegressionOptions;
  forecasting?: ForecastingOptions;
}

/**
 * The subnet task a scenario chose, built from the run's RNG (give it `createRng(seed)` or a fork;
 * digits with `createRng(scenario.seed)` reproduces `runScenario`'s data and models).
 */
export async function createTask(kind: TaskKind, rng: Rng, options: TaskOptions = {}): Promise<SubnetTask> {
  switch (kind) {
    case "digits":
      return createDigitsTask(rng, options.digits);
    case "tabular-regression":
      return createTabularRegressionTask(rng, options["tabular-regression"]);
    case "forecasting":
      return createForecastingTask(rng, options.forecasting);
    default:
      throw new CrucibleError("CRUCIBLE_SCENARIO_INVALID", `unknown task kind "${String(kind)}"`, {
        details: `expected one of ${TASK_KINDS.join(", ")}`,
      });
  }
}
