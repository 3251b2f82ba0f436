import { type Address, decodeErrorResult, encodeDeployData, encodeFunctionData, type Hex } from "viem";
import { dtaoNetworkAbi, dtaoNetworkBytecode, dtaoTokenAbi } from "../../../contracts/generated/index.ts";
import { CrucibleError } from "../../errors/CrucibleError.ts";
import type { SubnetEconomy } from "../../protocol/dtaoCoinbase.ts";
import {
  type DtaoBalances,
  type DtaoDeployment,
  type DtaoNetworkView,
  type DtaoOutcome,
  type DtaoSession,
  genesisAmounts,
} from "../../protocol/dtaoSession.ts";
import { deriveAccounts } from "../deriveAccounts.ts";
import { fetchRevertData } from "../fetchRevertData.ts";
import { fundAccounts } from "../fundAccounts.ts";
import { sendAndMine } from "../sendAndMine.ts";
import { signCalls, signCallsInChunks } from "../signCalls.ts";
import { type ChainHandle, startChain } from "../startChain.ts";
import { encodeDtaoCall, isDriverCall } from "./encodeDtaoCall.ts";

const CALL_GAS = 15_000_000n;
const GENESIS_CHUNK = 300;
/** runBlocks loops blocks × subnets in one transaction; the deployment mints every genesis balance. */
const RUN_BLOCKS_GAS = 2_000_000_000n;
const errorsAbi = [...dtaoNetworkAbi, ...dtaoTokenAbi].filter((x) => x.type === "error");

/** The dynamic-TAO port on a fresh Anvil: the DtaoNetwork contract, one account per agent. */
export async function startDtaoAnvilSession(deployment: DtaoDeployment): Promise<DtaoSession> {
  const chain = await startChain({ signingWorkers: 0 });
  try {
    return await open(chain, deployment);
  } catch (error) {
    await chain.stop();
    throw error;
  }
}

async function open(chain: ChainHandle, deployment: DtaoDeployment): Promise<DtaoSession> {
  const [driver] = deriveAccounts(deployment.seed, 1, { label: "dtao-driver" });
  const agents = deriveAccounts(deployment.seed, deployment.agents, { label: "dtao-agent" });
  const agentAddresses = agents.map((a) => a.address);
  await fundAccounts(chain, [driver.address, ...agentAddresses]);
  const p = deployment.params;
  const data = encodeDeployData({
    abi: dtaoNetworkAbi,
    bytecode: dtaoNetworkBytecode,
    args: [
      driver.address,
      {
        taoWeight: p.taoWeight,
        movingAlpha: p.movingAlpha,
        emaHalvingBlocks: p.emaHalvingBlocks,
        feeRate: p.feeRate,
        ownerCut: p.ownerCut,
        minLock: p.minLock,
        lockReductionInterval: p.lockReductionInterval,
        subnetLimit: p.subnetLimit,
      },
    ],
  });
  const signed = await signCalls(chain, [{ account: driver, to: null, data, gas: RUN_BLOCKS_GAS }]);
  const mined = await sendAndMine(chain, [signed]);
  const network = mined.receipts[0]?.contractAddress;
  if (mined.receipts[0]?.status !== "0x1" || !network)
    throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", "deploying DtaoNetwork failed");
  const read = <T>(functionName: string, args: readonly unknown[] = [], address: Address = network) =>
    chain.publicClient.readContract({
      address,
      abi: address === network ? dtaoNetworkAbi : dtaoTokenAbi,
      functionName,
      args,
    } as never) as Promise<T>;
  const tao = await read<Address>("tao");
  // The genesis allocation, GENESIS_CHUNK agents a transaction, in one block.
  const amounts = genesisAmounts(deployment);
  const chunks = [];
  for (let i = 0; i < agents.length; i += GENESIS_CHUNK)
    chunks.push({
      account: driver,
      to: network,
      data: encodeFunctionData({
        abi: dtaoNetworkAbi,
        functionName: "genesis",
        args: [agentAddresses.slice(i, i + GENESIS_CHUNK), amounts.slice(i, i + GENESIS_CHUNK)],
      }),
      gas: RUN_BLOCKS_GAS,
    });
  const funded = await sendAndMine(chain, [await signCalls(chain, chunks)]);
  if (funded.receipts.some((r) => r.status !== "0x1"))
    throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", "the DtaoNetwork genesis allocation failed");
  const targets = { network, tao, agents: agentAddresses };
  const subnetView = async (netuid: number) => {
    const s = await read<Record<string, unknown>>("subnet", [BigInt(netuid)]);
    return s;
  };

  return {
    agentAddresses,
    async submit(calls) {
      const unsigned = calls.map((call) => ({
        account: isDriverCall(call) ? driver : agents[(call as { agent: number }).agent],
        ...encodeDtaoCall(call, targets),
        gas: call.kind === "runBlocks" ? RUN_BLOCKS_GAS : CALL_GAS,
      }));
      // Blocks of at most 1,000 transactions (Anvil's receipts for much larger blocks time out).
      const { receipts, txHashes } = await sendAndMine(chain, await signCallsInChunks(chain, unsigned));
      const revertedHashes = receipts.filter((r) => r.status !== "0x1").map((r) => r.transactionHash);
      const data = new Map<Hex, Hex | undefined>();
      for (const [i, d] of (await fetchRevertData(chain, revertedHashes)).entries())
        data.set(revertedHashes[i], d);
      return calls.map((call, i): DtaoOutcome => {
        if (receipts[i].status === "0x1") return { kind: call.kind, status: "success" };
        return { kind: call.kind, status: "reverted", error: errorName(data.get(txHashes[i])) };
      });
    },
    async readNetwork(): Promise<DtaoNetworkView> {
      const count = Number(await read<bigint>("subnetCount"));
      const subnets = [];
      for (let netuid = 1; netuid <= count; netuid++) {
        const s = await subnetView(netuid);
        const {
          owner,
          alpha: _token,
          ...economy
        } = s as unknown as SubnetEconomy & { owner: Address; alpha: Address };
        subnets.push({
          ...economy,
          owner: agentAddresses.indexOf(owner),
          price: await read<bigint>("spotPrice", [BigInt(netuid)]),
        });
      }
      return {
        block: await read<bigint>("blockNumber"),
        rootTao: await read<bigint>("rootTao"),
        totalIssuance: await read<bigint>("totalIssuance"),
        lockCost: await read<bigint>("lockCost"),
        subnets,
      };
    },
    async readBalances(): Promise<DtaoBalances> {
      const count = Number(await read<bigint>("subnetCount"));
      const taoBalances = await Promise.all(agentAddresses.map((a) => read<bigint>("balanceOf", [a], tao)));
      const root = await Promise.all(agentAddresses.map((a) => read<bigint>("rootStake", [a])));
      const alpha = [];
      for (let netuid = 1; netuid <= count; netuid++)
        alpha.push(
          await Promise.all(agentAddresses.map((a) => read<bigint>("alphaOf", [BigInt(netuid), a]))),
        );
      return { tao: taoBalances, root, alpha };
    },
    stop: () => chain.stop(),
  };
}

function errorName(data: Hex | undefined): string {
  if (data === undefined || data === "0x") return "EmptyRevert";
  try {
    return decodeErrorResult({ abi: errorsAbi, data }).errorName;
  } catch {
    return "UnknownError";
  }
}
