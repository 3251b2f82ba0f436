import { type Address, encodeDeployData, getContractAddress, type LocalAccount } from "viem";
import {
  crucibleTokenAbi,
  crucibleTokenBytecode,
  emissionAbi,
  emissionBytecode,
  stakingAbi,
  stakingBytecode,
  subnetRegistryAbi,
  subnetRegistryBytecode,
  weightsAbi,
  weightsBytecode,
} from "../../contracts/generated/index.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { ProtocolContract } from "./protocolAbis.ts";
import { sendAndMine } from "./sendAndMine.ts";
import { signCalls } from "./signCalls.ts";
import type { ChainHandle } from "./startChain.ts";
import { toChainError } from "./toChainError.ts";

export interface ProtocolParams {
  /** Tokens (wei) minted per paid epoch. */
  readonly emissionPerEpoch: bigint;
  readonly maxUids: number;
  readonly revealDelayEpochs: number;
  /** Genesis allocation minted by the token's constructor (e.g. to validators, so they can stake). */
  readonly genesis: readonly { readonly address: Address; readonly amount: bigint }[];
}

export interface DeployProtocolParameters extends ProtocolParams {
  /** The epoch driver: deploys, opens epochs and pays emission. Must hold ETH for gas. */
  readonly driver: LocalAccount;
}

export interface Protocol {
  readonly driver: Address;
  readonly addresses: Readonly<Record<ProtocolContract, Address>>;
  readonly params: ProtocolParams;
  readonly deployBlock: bigint;
  /** Gas used by each deployment. */
  readonly deployGas: Readonly<Record<ProtocolContract, bigint>>;
}

const DEPLOY_GAS = 8_000_000n;
const ORDER = ["token", "registry", "staking", "weights", "emission"] as const;

/**
 * Deploys the five contracts from the driver in ONE block, wired through their constructors:
 * addresses are predicted from the driver's nonces, so every link is immutable (no setters).
 */
export async function deployProtocol(chain: ChainHandle, parameters: DeployProtocolParameters): Promise<Protocol> {
  const { driver, emissionPerEpoch, maxUids, revealDelayEpochs, genesis } = parameters;
  if (!Number.isInteger(maxUids) || maxUids < 1 || maxUids > 65535) {
    throw new RangeError(`maxUids must be an integer in 1..65535, got ${maxUids}`);
  }
  try {
    return await deploy(chain, parameters);
  } catch (error) {
    throw toChainError(error, "deploying the protocol");
  }
}

async function deploy(chain: ChainHandle, parameters: DeployProtocolParameters): Promise<Protocol> {
  const { driver, emissionPerEpoch, maxUids, revealDelayEpochs, genesis } = parameters;
  const nonce = await chain.publicClient.getTransactionCount({ address: driver.address, blockTag: "pending" });
  chain.nonces.set(driver.address, nonce);
  const predicted = Object.fromEntries(
    ORDER.map((key, i) => [key, getContractAddress({ from: driver.address, nonce: BigInt(nonce + i) })]),
  ) as Record<ProtocolContract, Address>;

  const creation = {
    token: encodeDeployData({
      abi: crucibleTokenAbi,
      bytecode: crucibleTokenBytecode,
      args: [predicted.emission, predicted.staking, genesis.map((g) => g.address), genesis.map((g) => g.amount)],
    }),
    registry: encodeDeployData({ abi: subnetRegistryAbi, bytecode: subnetRegistryBytecode, args: [maxUids] }),
    staking: encodeDeployData({
      abi: stakingAbi,
      bytecode: stakingBytecode,
      args: [predicted.token, predicted.registry],
    }),
    weights: encodeDeployData({
      abi: weightsAbi,
      bytecode: weightsBytecode,
      args: [predicted.registry, predicted.staking, driver.address, BigInt(revealDelayEpochs)],
    }),
    emission: encodeDeployData({
      abi: emissionAbi,
      bytecode: emissionBytecode,
      args: [predicted.token, driver.address, emissionPerEpoch],
    }),
  };
  const signed = await signCalls(
    chain,
    ORDER.map((key) => ({ account: driver, to: null, data: creation[key], gas: DEPLOY_GAS })),
  );
  const mined = await sendAndMine(chain, signed);
  const deployGas = {} as Record<ProtocolContract, bigint>;
  ORDER.forEach((key, i) => {
    const r = mined.receipts[i];
    if (r.status !== "0x1" || r.contractAddress?.toLowerCase() !== predicted[key].toLowerCase()) {
      throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `deploying ${key} failed`, {
        details: `status ${r.status}, address ${r.contractAddress}, expected ${predicted[key]}`,
      });
    }
    deployGas[key] = BigInt(r.gasUsed);
  });
  return {
    driver: driver.address,
    addresses: predicted,
    params: { emissionPerEpoch, maxUids, revealDelayEpochs, genesis },
    deployBlock: mined.blockNumber,
    deployGas,
  };
}
