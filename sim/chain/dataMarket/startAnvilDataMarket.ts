import {
  type Abi,
  type Address,
  decodeErrorResult,
  encodeDeployData,
  encodeFunctionData,
  type Hex,
  type LocalAccount,
} from "viem";
import { crucibleTokenAbi, dataMarketAbi, dataMarketBytecode } from "../../../contracts/generated/index.ts";
import { CrucibleError } from "../../errors/CrucibleError.ts";
import type {
  DataMarketBlock,
  DataMarketCall,
  DataMarketDeployment,
  DataMarketSession,
  DataMarketState,
} from "../../protocol/dataMarketPort.ts";
import { PURCHASE_STATUSES } from "../../protocol/dataMarketPort.ts";
import { fetchRevertData } from "../fetchRevertData.ts";
import { sendAndMine } from "../sendAndMine.ts";
import { signCalls } from "../signCalls.ts";
import type { ChainHandle } from "../startChain.ts";
import { toChainError } from "../toChainError.ts";

export interface AnvilDataMarketOptions extends DataMarketDeployment {
  chain: ChainHandle;
  /** The token the market trades in (the protocol's CrucibleToken). */
  token: Address;
  /** Deploys the market (pays its gas). */
  deployer: LocalAccount;
  /** The accounts that act on the market, by address (each call's `from`). */
  accounts: readonly LocalAccount[];
}

export interface AnvilDataMarketSession extends DataMarketSession {
  readonly address: Address;
  readonly deployBlock: bigint;
  /** Gas of the last submitted block's calls, in call order. */
  lastGas(): bigint[];
}

const CALL_GAS = 1_000_000n;
/** The market's and the token's custom errors (a failed transferFrom reverts with the token's). */
const errorsAbi: Abi = [...dataMarketAbi, ...crucibleTokenAbi].filter((item) => item.type === "error");

function revertName(data: Hex | undefined): string {
  if (data === undefined || data === "0x") return "EmptyRevert";
  try {
    return decodeErrorResult({ abi: errorsAbi, data }).errorName;
  } catch {
    return "UnknownError";
  }
}

/**
 * Deploys DataMarket.sol on a running Anvil (one block) and returns the port over it: each submit
 * signs the calls locally, mines them as one block and names every revert.
 */
export async function startAnvilDataMarket(options: AnvilDataMarketOptions): Promise<AnvilDataMarketSession> {
  const { chain, token, deployer } = options;
  const byAddress = new Map(options.accounts.map((a) => [a.address.toLowerCase(), a]));
  const accountOf = (from: string): LocalAccount => {
    const account = byAddress.get(from.toLowerCase());
    if (account === undefined) {
      throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `no signing account for data-market caller ${from}`);
    }
    return account;
  };
  let address: Address;
  let deployBlock: bigint;
  try {
    const data = encodeDeployData({
      abi: dataMarketAbi,
      bytecode: dataMarketBytecode,
      args: [token, options.treasury as Address, options.feeBps, BigInt(options.deliveryWindow)],
    });
    const signed = await signCalls(chain, [{ account: deployer, to: null, data, gas: 5_000_000n }]);
    const mined = await sendAndMine(chain, [signed]);
    const receipt = mined.receipts[0];
    if (receipt.status !== "0x1" || receipt.contractAddress == null) {
      throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", "deploying DataMarket failed", {
        details: `status ${receipt.status}`,
      });
    }
    address = receipt.contractAddress as Address;
    deployBlock = mined.blocks[0];
  } catch (error) {
    throw toChainError(error, "deploying DataMarket");
  }
  let gas: bigint[] = [];

  const encode = (call: DataMarketCall): { to: Address; data: Hex } => {
    switch (call.kind) {
      case "approve":
        return {
          to: token,
          data: encodeFunctionData({
            abi: crucibleTokenAbi,
            functionName: "approve",
            args: [address, call.amount],
          }),
        };
      case "transfer":
        return {
          to: token,
          data: encodeFunctionData({
            abi: crucibleTokenAbi,
            functionName: "transfer",
            args: [call.to as Address, call.amount],
          }),
        };
      case "list":
        return {
          to: address,
          data: encodeFunctionData({
            abi: dataMarketAbi,
            functionName: "list",
            args: [call.contentHash, call.price],
          }),
        };
      case "delist":
        return {
          to: address,
          data: encodeFunctionData({
            abi: dataMarketAbi,
            functionName: "delist",
            args: [BigInt(call.listingId)],
          }),
        };
      case "purchase":
        return {
          to: address,
          data: encodeFunctionData({
            abi: dataMarketAbi,
            functionName: "purchase",
            args: [BigInt(call.listingId)],
          }),
        };
      case "confirmDelivery":
        return {
          to: address,
          data: encodeFunctionData({
            abi: dataMarketAbi,
            functionName: "confirmDelivery",
            args: [BigInt(call.purchaseId), call.deliveredHash],
          }),
        };
      case "refund":
        return {
          to: address,
          data: encodeFunctionData({
            abi: dataMarketAbi,
            functionName: "refund",
            args: [BigInt(call.purchaseId)],
          }),
        };
    }
  };

  const read = <T>(
    functionName: string,
    args: unknown[] = [],
    to: Address = address,
    abi: Abi = dataMarketAbi,
  ) => chain.publicClient.readContract({ address: to, abi, functionName, args } as never) as Promise<T>;

  return {
    backend: "anvil",
    address,
    deployBlock,
    lastGas: () => gas,
    async submit(calls): Promise<DataMarketBlock> {
      try {
        const unsigned = calls.map((call) => ({
          account: accountOf(call.from),
          ...encode(call),
          gas: CALL_GAS,
        }));
        const signed = await signCalls(chain, unsigned, { chunkSize: Math.max(1, unsigned.length) });
        const mined = await sendAndMine(chain, [signed]);
        const reverted = mined.receipts.flatMap((r, i) => (r.status === "0x1" ? [] : [i]));
        const data = await fetchRevertData(
          chain,
          reverted.map((i) => mined.txHashes[i]),
        );
        const names = new Map(reverted.map((i, j) => [i, revertName(data[j])]));
        gas = mined.receipts.map((r) => BigInt(r.gasUsed));
        return {
          block: mined.blocks[mined.blocks.length - 1],
          outcomes: calls.map((call, i) => {
            const error = names.get(i);
            return error === undefined
              ? { kind: call.kind, from: call.from, status: "success" }
              : { kind: call.kind, from: call.from, status: "reverted", error };
          }),
        };
      } catch (error) {
        throw toChainError(error, `submitting ${calls.length} data-market calls`);
      }
    },
    async readBalances(accounts) {
      return read<readonly bigint[]>("balancesOf", [accounts], token, crucibleTokenAbi).then((b) => [...b]);
    },
    async readRevenue(providers) {
      return Promise.all(providers.map((p) => read<bigint>("revenueOf", [p])));
    },
    async isLicensed(listingId, buyer) {
      return read<boolean>("licensed", [BigInt(listingId), buyer]);
    },
    async readState(): Promise<DataMarketState> {
      const [totalEscrow, totalFees, nListings, nPurchases, marketBalance] = await Promise.all([
        read<bigint>("totalEscrow"),
        read<bigint>("totalFees"),
        read<bigint>("listingCount"),
        read<bigint>("purchaseCount"),
        read<bigint>("balanceOf", [address], token, crucibleTokenAbi),
      ]);
      type L = { provider: Address; contentHash: Hex; price: bigint; active: boolean };
      type P = { listingId: bigint; buyer: Address; amount: bigint; deadline: bigint; status: number };
      const listings = await Promise.all(
        Array.from({ length: Number(nListings) }, (_, i) => read<L>("listing", [BigInt(i)])),
      );
      const purchases = await Promise.all(
        Array.from({ length: Number(nPurchases) }, (_, i) => read<P>("purchaseOf", [BigInt(i)])),
      );
      return {
        totalEscrow,
        totalFees,
        marketBalance,
        listings: listings.map((l) => ({
          provider: l.provider,
          contentHash: l.contentHash.toLowerCase() as `0x${string}`,
          price: l.price,
          active: l.active,
        })),
        purchases: purchases.map((p) => ({
          listingId: Number(p.listingId),
          buyer: p.buyer,
          amount: p.amount,
          deadline: p.deadline,
          status: PURCHASE_STATUSES[p.status],
        })),
      };
    },
    async stop() {},
  };
}
