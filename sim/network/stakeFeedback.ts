import type { YumaStakeSource } from "../engine/yumaStake.ts";
import { raoToTao, taoToRao } from "../protocol/dtaoUnits.ts";
import type { NetworkLayout } from "./runNetworkEpochs.ts";

/** What the network layer sees of the subnets running beside it (`dtao.stakeFeedback`). */
export interface NetworkFeedback {
  /** Publishes each subnet's alpha (rao, by network agent) as the stake its Yuma weighs at `epoch`. */
  publish(epoch: number, alpha: readonly (readonly bigint[])[]): void;
  /** Resolves once every subnet has finished `epoch` (its rows are in). */
  epochRows(epoch: number): Promise<void>;
  /** A subnet's miners' Yuma incentive at a finished epoch, in the layout's order (rao scale). */
  incentive(subnet: number, epoch: number): bigint[];
  /** A subnet's validators' Yuma dividends at a finished epoch, by network agent. */
  dividends(subnet: number, epoch: number): ReadonlyMap<number, number>;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // a subnet that never asks must not make an unhandled rejection
  return { promise, resolve, reject };
}

type Rows = Parameters<YumaStakeSource["epochDone"]>[1];

/**
 * The lockstep between a network's dTAO layer and its subnets' engines (issue 21, stake feedback):
 * subnet i's epoch e weighs the alpha its agents hold after the network's epoch e − 1 (after the
 * validators' first stake for e = 0), and the network pays epoch e from the subnets' epoch-e rows.
 * `names[i]` maps subnet i's agent names to network agents (validators and miners). `fail` rejects
 * every wait, so that one subnet's failure ends the others instead of leaving them waiting.
 */
export function createStakeFeedback(
  layout: NetworkLayout,
  names: readonly (readonly string[])[],
  epochs: number,
): { network: NetworkFeedback; subnets: YumaStakeSource[]; fail(error: unknown): void } {
  const stake = names.map(() =>
    Array.from({ length: epochs }, () => deferred<ReadonlyMap<string, number>>()),
  );
  const done = names.map(() => Array.from({ length: epochs }, () => deferred<void>()));
  const rows: Rows[][] = names.map(() => []);
  const agentOf = names.map((ns, i) => {
    const agents = [...layout.validators[i].map((v) => v.agent), ...layout.miners[i]];
    return new Map(ns.map((n, k) => [n, agents[k]]));
  });
  const minerNames = names.map((ns, i) => ns.slice(layout.validators[i].length));
  return {
    network: {
      publish(epoch, alpha) {
        if (epoch >= epochs) return;
        agentOf.forEach((byName, i) => {
          stake[i][epoch].resolve(new Map([...byName].map(([n, a]) => [n, raoToTao(alpha[i][a])])));
        });
      },
      async epochRows(epoch) {
        await Promise.all(done.map((d) => d[epoch].promise));
      },
      incentive(subnet, epoch) {
        const bySubnet = new Map(
          rows[subnet][epoch].filter((r) => r.role === "miner").map((r) => [r.agent, r.incentive]),
        );
        return minerNames[subnet].map((n) => taoToRao(bySubnet.get(n) ?? 0));
      },
      dividends(subnet, epoch) {
        return new Map(
          rows[subnet][epoch].flatMap((r) => {
            const a = agentOf[subnet].get(r.agent);
            return r.role === "validator" && a !== undefined ? [[a, r.dividends] as [number, number]] : [];
          }),
        );
      },
    },
    subnets: names.map((_, i) => ({
      stakeAt: (epoch) => stake[i][epoch].promise,
      epochDone(epoch, r) {
        rows[i][epoch] = r;
        done[i][epoch].resolve();
      },
    })),
    fail(error) {
      for (const d of [...stake.flat(), ...done.flat()]) d.reject(error);
    },
  };
}
