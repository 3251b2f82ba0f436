import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Scenario } from "../scenario/scenarioSchema.ts";

/** What a fork changes that the engine must act on (parameters need nothing: they are read anew). */
export interface ForkChange {
  /** Miner groups added (indices into the fork's `population.miners`), each joining at its joinEpoch. */
  addedMinerGroups: number[];
  /** The mechanism's name or module changed: its carried state (bonds, ...) starts afresh at N. */
  mechanismSwitched: boolean;
}

/** Fields a fork cannot change, by path prefix, and why (the first one a fork touches is named). */
const FIXED: readonly [prefix: string, why: string][] = [
  ["seed", "the seed drew the epochs before the fork; fork a run of the other seed"],
  ["task", "the task's data and every miner's model are built at genesis"],
  ["chain.backend", "the checkpoint holds one backend's state"],
  ["inference.answerDigests", "the parent's epochs were recorded with the other setting"],
  ["population.validators", "validators hold the first slots: a fork adds miner groups only"],
  ["dataMarket", "a data market's state is not checkpointed"],
  ["governance", "governance's state is not checkpointed"],
  ["subnets", "a network of subnets is not checkpointed"],
  ["dtao", "a network of subnets is not checkpointed"],
];

/** Fields deployed into the contracts (`resolveDeployment`): an Anvil fork loads the parent's chain,
 * which keeps the parent's values, so a change there would be silently ignored. */
const DEPLOYED = [
  "chain.emissionPerEpoch",
  "protocol",
  "emissionSplit",
  "slashing.share",
  "market.users",
  "market.balance",
];

const under = (path: string, prefix: string) =>
  path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);

const refuse = (path: string, why: string) =>
  new CrucibleError("CRUCIBLE_USAGE", `crucible fork: ${path} cannot change at a fork (${why})`);

/**
 * Checks that a fork's scenario differs from its parent's only in what can change from epoch `at`
 * on: parameters, a mechanism switch, miner groups (and operators) added at the end, joining at `at`
 * or later. Anything else is refused with one message naming the first field, before any work.
 */
export function checkForkChange(parent: Scenario, fork: Scenario, at: number): ForkChange {
  for (const path of changedPaths(parent, fork)) {
    const fixed = FIXED.find(([prefix]) => under(path, prefix));
    if (fixed !== undefined) throw refuse(path, fixed[1]);
    if (fork.chain.backend === "anvil" && DEPLOYED.some((prefix) => under(path, prefix)))
      throw refuse(
        path,
        "on anvil it is deployed into the contracts, and the chain loaded from the checkpoint keeps the parent's; fork a run on chain.backend memory",
      );
    const group = /^(population\.miners|operators)\[(\d+)\]/.exec(path);
    if (group !== null) {
      const list = group[1] === "operators" ? (parent.operators ?? []) : parent.population.miners;
      if (Number(group[2]) < list.length) {
        const removed =
          group[1] === "operators"
            ? (fork.operators ?? []).length < list.length
            : fork.population.miners.length < list.length;
        throw refuse(
          path,
          removed
            ? "a fork cannot remove agents or operators"
            : "an existing group's agents ran before the fork; add a group instead",
        );
      }
    }
  }
  const added = fork.population.miners.map((_, i) => i).slice(parent.population.miners.length);
  for (const i of added) {
    const join = fork.population.miners[i].joinEpoch;
    if (join < at)
      throw new CrucibleError(
        "CRUCIBLE_USAGE",
        `crucible fork: population.miners[${i}].joinEpoch: ${join} is before the fork epoch ${at} (miners added at a fork join at it or later)`,
      );
  }
  return {
    addedMinerGroups: added,
    mechanismSwitched:
      parent.mechanism.name !== fork.mechanism.name || parent.mechanism.module !== fork.mechanism.module,
  };
}

/** Every leaf path where two plain values differ (`a.b[2].c`), in document order. */
export function changedPaths(a: unknown, b: unknown, path = ""): string[] {
  if (Object.is(a, b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      out.push(...changedPaths(a[i], b[i], `${path}[${i}]`));
    return out;
  }
  const isObject = (x: unknown): x is Record<string, unknown> =>
    typeof x === "object" && x !== null && !Array.isArray(x);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => changedPaths(a[k], b[k], path === "" ? k : `${path}.${k}`));
  }
  return [path];
}
