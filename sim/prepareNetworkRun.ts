import { CrucibleError } from "./errors/CrucibleError.ts";
import type { NetworkAttacker } from "./network/marketAttackers.ts";
import { type PreparedRun, type PrepareRunOptions, prepareRun } from "./prepareRun.ts";
import { taoToRao } from "./protocol/dtaoUnits.ts";
import { deepMerge } from "./scenario/loadScenario.ts";
import { type DtaoScenario, dtaoSchema } from "./scenario/networkSchema.ts";
import type { Scenario } from "./scenario/scenarioSchema.ts";

/**
 * Everything about a network scenario that can be bad input, checked before anything runs (as
 * prepareRun is for one subnet): every subnet's scenario, and the attackers' targets. Light imports,
 * so `crucible validate` can call it.
 */
export async function prepareNetworkRun(
  options: PrepareRunOptions,
  top: PreparedRun,
): Promise<{ subs: PreparedRun[]; dtao: DtaoScenario }> {
  const subs = await prepareSubnets(options, top.scenario);
  const dtao = top.scenario.dtao ?? dtaoSchema.parse({});
  attackersOf(top.scenario, dtao, 0, top.file);
  return { subs, dtao };
}

/** Every subnet's scenario, validated before anything starts (errors name the subnet). */
async function prepareSubnets(options: PrepareRunOptions, scenario: Scenario): Promise<PreparedRun[]> {
  const prepared: PreparedRun[] = [];
  for (const [i, entry] of (scenario.subnets ?? []).entries()) {
    const { name, ...patch } = entry;
    try {
      prepared.push(
        await prepareRun({
          ...options,
          // The subnet's fields over the run's overrides, field by field (a shallow spread lost
          // e.g. an override of population.validators under a subnet's population.miners).
          overrides: {
            ...deepMerge(options.overrides ?? {}, patch),
            name: `${scenario.name}-${name}`,
            subnets: null,
            dtao: null,
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof CrucibleError)) throw error;
      throw new CrucibleError(error.code, `subnets[${i}] (${name}): ${error.message}`, {
        details: error.details,
      });
    }
  }
  return prepared;
}

/** The scenario's attackers as agents after the honest ones (a subnet name that is not there is bad input). */
export function attackersOf(
  scenario: Scenario,
  dtao: NonNullable<Scenario["dtao"]>,
  first: number,
  file: string,
): NetworkAttacker[] {
  const names = (scenario.subnets ?? []).map((s) => s.name);
  return dtao.attackers.map((a, i) => {
    const subnet = names.indexOf(a.subnet);
    if (subnet < 0)
      throw new CrucibleError(
        "CRUCIBLE_SCENARIO_INVALID",
        `${file}: dtao.attackers[${i}].subnet: expected one of ${names.map((n) => `"${n}"`).join("|")}, got "${a.subnet}"`,
      );
    return {
      kind: a.kind,
      agent: first + i,
      subnet,
      tao: taoToRao(a.tao),
      startEpoch: a.startEpoch,
      holdEpochs: a.holdEpochs,
    };
  });
}
