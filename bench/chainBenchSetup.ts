import { type Hex, parseEther } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import {
  type ChainHandle,
  defaultSubnetParams,
  deployProtocol,
  deriveAccounts,
  FREE_REGISTRATION,
  fundAccounts,
  type PhaseCall,
  type Protocol,
  phaseCall,
  startChain,
  submitPhase,
} from "../sim/chain/index.ts";
import { requestBatch } from "../sim/chain/requestBatch.ts";

/** UIDs registered in the bench subnet: the validators agents stake on (and pack over). */
export const BENCH_UIDS = 100;

export interface BenchWorld {
  readonly chain: ChainHandle;
  readonly protocol: Protocol;
  readonly driver: PrivateKeyAccount;
  readonly agents: readonly PrivateKeyAccount[];
}

/**
 * A fresh Anvil with the protocol, one free subnet with BENCH_UIDS registered validators, and
 * `agents` funded accounts holding tokens (the stakers whose stake changes are the actions).
 */
export async function startBenchWorld(
  accounts: readonly PrivateKeyAccount[],
  agents: number,
  signingWorkers?: number,
): Promise<BenchWorld> {
  const chain = await startChain({ signingWorkers });
  const [driver] = deriveAccounts(1, 1, { label: "driver" });
  const used = accounts.slice(0, agents);
  await fundAccounts(chain, [driver.address, ...used.map((a) => a.address)]);
  const protocol = await deployProtocol(chain, {
    driver,
    emissionPerEpoch: parseEther("100"),
    genesis: used.map((a) => ({ address: a.address, amount: parseEther("1000") })),
    subnets: [
      defaultSubnetParams(driver.address, { ...FREE_REGISTRATION, maxUids: 4096, immunityPeriod: 0n }),
    ],
  });
  const registered = await submitPhase(
    chain,
    protocol,
    used.slice(0, BENCH_UIDS).map((a) => phaseCall(a, "registry", "register", [0, 0n])),
  );
  if (registered.reverted > 0) throw new Error("bench setup: registration failed");
  return { chain, protocol, driver, agents: used };
}

/** Agent i stakes 1 wei-scaled token on UID i mod BENCH_UIDS: one action, one transaction. */
export function stakeCall(world: BenchWorld, i: number): PhaseCall {
  const uid = i % BENCH_UIDS;
  const hotkey = world.agents[uid].address; // agent u registered UID u (see the setup)
  return phaseCall(world.agents[i], "staking", "stake", [0, uid, hotkey, 10n ** 12n + BigInt(i)], `a${i}`);
}

/** Agent k stakes on `per` UIDs in one stakeMany call: `per` actions, one transaction. */
export function packedStakeCall(world: BenchWorld, k: number, per: number): PhaseCall {
  const uids = Array.from({ length: per }, (_, j) => (k + j) % BENCH_UIDS);
  return phaseCall(world.agents[k], "staking", "stakeMany", [0, uids, uids.map(() => 10n ** 12n)], `p${k}`);
}

/** Mines one block and reads its receipts (one eth_getBlockReceipts); returns how many were ok. */
export async function mineAndReadReceipts(
  chain: ChainHandle,
): Promise<{ mineMs: number; receiptsMs: number; ok: number }> {
  let t = performance.now();
  await requestBatch(chain.rpcUrl, [{ method: "anvil_mine", params: ["0x1"] }]);
  const mineMs = performance.now() - t;
  t = performance.now();
  const [r] = await requestBatch<{ status: Hex }[]>(chain.rpcUrl, [
    { method: "eth_getBlockReceipts", params: ["latest"] },
  ]);
  const receiptsMs = performance.now() - t;
  if (!r.ok) throw new Error(r.error.message);
  return { mineMs, receiptsMs, ok: r.result.filter((x) => x.status === "0x1").length };
}
