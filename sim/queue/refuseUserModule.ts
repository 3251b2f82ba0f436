import { UnrecoverableError } from "bullmq";
import { type LoadScenarioOptions, loadScenario } from "../scenario/loadScenario.ts";

/**
 * A job is data, but a scenario may name a user mechanism module, which runs as code. A worker runs
 * such a job only when started with `--allow-user-modules`; otherwise the job fails at once (no
 * retry) with the reason. The scenario is only read and validated here, never its module imported.
 */
export async function refuseUserModule(
  scenarioPath: string,
  options: LoadScenarioOptions,
  allowed: boolean,
): Promise<void> {
  if (allowed) return;
  const scenario = await loadScenario(scenarioPath, options);
  const module = scenario.mechanism.module;
  if (module !== undefined)
    throw new UnrecoverableError(
      `${scenarioPath}: mechanism.module ${module} runs as code; this worker refuses it ` +
        "(start it with --allow-user-modules to run user mechanism modules)",
    );
}
