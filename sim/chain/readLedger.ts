import type { Protocol } from "./deployProtocol.ts";
import { protocolAbis } from "./protocolAbis.ts";
import type { ChainHandle } from "./startChain.ts";
import { toChainError } from "./toChainError.ts";

/** Where every token is: the supply's books, read in one JSON-RPC batch at the same block. */
export interface Ledger {
  readonly block: bigint;
  readonly totalSupply: bigint;
  readonly totalMinted: bigint;
  readonly totalBurned: bigint;
  readonly cap: bigint;
  /** Everything Emission minted (totalMinted minus genesis). */
  readonly totalEmitted: bigint;
  readonly totalStaked: bigint;
  readonly totalUnbonding: bigint;
  readonly totalEscrow: bigint;
  /** Token balances of the Staking and TaskMarket contracts. */
  readonly stakingBalance: bigint;
  readonly marketBalance: bigint;
}

/** Reads the ledger (total supply, minted, burned, staked, unbonding, escrow) at one block. */
export async function readLedger(chain: ChainHandle, protocol: Protocol): Promise<Ledger> {
  const { token, staking, emission, market } = protocol.addresses;
  try {
    const block = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
    const read = <T>(
      address: typeof token,
      abi: (typeof protocolAbis)[keyof typeof protocolAbis],
      f: string,
      args: unknown[] = [],
    ) =>
      chain.publicClient.readContract({
        address,
        abi,
        functionName: f,
        args,
        blockNumber: block,
      } as never) as Promise<T>;
    const t = protocolAbis.token;
    const [
      totalSupply,
      totalMinted,
      totalBurned,
      cap,
      totalEmitted,
      totalStaked,
      totalUnbonding,
      totalEscrow,
      stakingBalance,
      marketBalance,
    ] = await Promise.all([
      read<bigint>(token, t, "totalSupply"),
      read<bigint>(token, t, "totalMinted"),
      read<bigint>(token, t, "totalBurned"),
      read<bigint>(token, t, "cap"),
      read<bigint>(emission, protocolAbis.emission, "totalEmitted"),
      read<bigint>(staking, protocolAbis.staking, "totalStaked"),
      read<bigint>(staking, protocolAbis.staking, "totalUnbonding"),
      read<bigint>(market, protocolAbis.market, "totalEscrow"),
      read<bigint>(token, t, "balanceOf", [staking]),
      read<bigint>(token, t, "balanceOf", [market]),
    ]);
    return {
      block,
      totalSupply,
      totalMinted,
      totalBurned,
      cap,
      totalEmitted,
      totalStaked,
      totalUnbonding,
      totalEscrow,
      stakingBalance,
      marketBalance,
    };
  } catch (error) {
    throw toChainError(error, "reading the ledger");
  }
}
