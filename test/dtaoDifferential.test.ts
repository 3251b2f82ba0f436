import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { startDtaoAnvilSession } from "../sim/chain/dtao/startDtaoAnvilSession.ts";
import type { DtaoOutcome } from "../sim/protocol/dtaoSession.ts";
import { startDtaoMemorySession } from "../sim/protocol/memory/dtaoMemorySession.ts";
import {
  accountingGaps,
  dtaoAction,
  dtaoDeployment,
  genesisActions,
  toCall,
} from "./fixtures/dtao/dtaoActions.ts";

/** Runs of the property (one Anvil each); more with CRUCIBLE_DIFFERENTIAL_RUNS. */
const RUNS = Number(process.env.CRUCIBLE_DIFFERENTIAL_RUNS ?? 8);

/** Outcomes by call and error name, printed with DIFF_STATS=1 (coverage of the reverts). */
const stats = new Map<string, number>();
afterAll(() => {
  if (process.env.DIFF_STATS)
    console.log(
      [...stats]
        .sort()
        .map(([k, v]) => `${k}: ${v}`)
        .join("\n"),
    );
});

/**
 * The memory dTAO network against the DtaoNetwork contract on Anvil, call for call: random
 * deployments (fees, owner cut, TAO weight, EMA speed, lock parameters, subnet limit, agents short
 * of funds) and random sequences of every port call (register subnets, stake and unstake through
 * the pools, root stake, transfers, blocks of emission, emission switched off, epoch payouts).
 * After every step each outcome (status and custom error name), the network (blocks, issuance,
 * root TAO, lock cost, every subnet's reserves, price, EMA, accumulators) and every balance (TAO,
 * root, alpha per subnet) must be equal, and the contract's TAO and alpha accounting must close.
 * It can fail: planting the lower middle price as the median of an even count in the memory
 * network (`prices[n / 2 - 1]`) fails at run 1 (`network after step 7: registerSubnet`).
 * Coverage of outcomes: `DIFF_STATS=1` prints each call's outcomes by error name.
 */
describe("the memory dTAO network matches the DtaoNetwork contract on Anvil", () => {
  it(
    "random deployments and call sequences give the same outcomes, balances and prices",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          dtaoDeployment,
          fc.array(dtaoAction, { minLength: 15, maxLength: 35 }),
          async (deployment, actions) => {
            const anvil = await startDtaoAnvilSession(deployment);
            try {
              const memory = await startDtaoMemorySession(deployment);
              expect(memory.agentAddresses).toEqual(anvil.agentAddresses);
              let balances = await anvil.readBalances();
              for (const [step, action] of [...genesisActions(deployment.agents), ...actions].entries()) {
                const calls = [toCall(action, deployment.agents, balances)];
                const expected: DtaoOutcome[] = await anvil.submit(calls);
                const actual = await memory.submit(calls);
                expect(actual, `step ${step}: ${action.kind}`).toEqual(expected);
                for (const o of expected)
                  stats.set(
                    `${o.kind} ${o.error ?? o.status}`,
                    (stats.get(`${o.kind} ${o.error ?? o.status}`) ?? 0) + 1,
                  );
                const view = await anvil.readNetwork();
                balances = await anvil.readBalances();
                expect(await memory.readNetwork(), `network after step ${step}: ${action.kind}`).toEqual(
                  view,
                );
                expect(await memory.readBalances(), `balances after step ${step}: ${action.kind}`).toEqual(
                  balances,
                );
                expect(accountingGaps(view, balances), `accounting after step ${step}`).toEqual(
                  accountingGaps(view, balances).map(() => 0n),
                );
              }
            } finally {
              await anvil.stop();
            }
          },
        ),
        { numRuns: RUNS, endOnFailure: process.env.CRUCIBLE_DIFFERENTIAL_SHRINK === undefined },
      );
    },
    Math.max(120_000, RUNS * 30_000),
  );
});
