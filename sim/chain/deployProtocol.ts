import {
  type Address,
  encodeDeployData,
  encodeFunctionData,
  getContractAddress,
  type LocalAccount,
} from "viem";
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
  /**
   * Genesis allocation (e.g. to validators, so they can stake): the token's constructor mints the sum
   * to the driver, who transfers each share in the deployment block. Include the driver to keep a
   * treasury. Total supply after deployment is exactly the sum.
   */
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
/** Genesis recipients per transferBatch transaction (keeps each well under 16M gas). */
const GENESIS_CHUNK = 300;
const ORDER = ["token", "registry", "staking", "weights", "emission"] as const;

/**
 * Deploys the five contracts from the driver in ONE block, wired through their constructors:
 * addresses are predicted from the driver's nonces, so every link is immutable (no setters). The
 * genesis allocation is distributed in the same block.
 */
export async function deployProtocol(
  chain: ChainHandle,
  parameters: DeployProtocolParameters,
): Promise<Protocol> {
  const { maxUids, revealDelayEpochs, genesis } = parameters;
  if (!Number.isInteger(revealDelayEpochs) || revealDelayEpochs < 0) {
    throw new RangeError(`revealDelayEpochs must be a non-negative integer, got ${revealDelayEpochs}`);
  }
  if (genesis.some((g) => g.amount < 0n)) throw new RangeError("genesis amounts must be non-negative");
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
  const genesisSupply = genesis.reduce((sum, g) => sum + g.amount, 0n);
  const nonce = await chain.publicClient.getTransactionCount({
    address: driver.address,
    blockTag: "pending",
  });
  chain.nonces.set(driver.address, nonce);
  const predicted = Object.fromEntries(
    ORDER.map((key, i) => [key, getContractAddress({ from: driver.address, nonce: BigInt(nonce + i) })]),
  ) as Record<ProtocolContract, Address>;

  const creation = {
    token: encodeDeployData({
      abi: crucibleTokenAbi,
      bytecode: crucibleTokenBytecode,
      args: [predicted.emission, predicted.staking, driver.address, genesisSupply],
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
  const deployments = ORDER.map((key) => ({
    account: driver,
    to: null,
    data: creation[key],
    gas: DEPLOY_GAS,
  }));
  // The treasury (driver) hands out the rest of the genesis in the same block, right after deployment.
  const others = genesis.filter((g) => g.address.toLowerCase() !== driver.address.toLowerCase());
  const distributions = [];
  for (let i = 0; i < others.length; i += GENESIS_CHUNK) {
    const chunk = others.slice(i, i + GENESIS_CHUNK);
    distributions.push({
      account: driver,
      to: predicted.token,
      data: encodeFunctionData({
        abi: crucibleTokenAbi,
        functionName: "transferBatch",
        args: [chunk.map((g) => g.address), chunk.map((g) => g.amount)],
      }),
      gas: 100_000n + 40_000n * BigInt(chunk.length),
    });
  }
  const signed = await signCalls(chain, [...deployments, ...distributions]);
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
  const failedDistribution = mined.receipts.slice(ORDER.length).findIndex((r) => r.status !== "0x1");
  if (failedDistribution >= 0) {
    throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", "distributing the genesis allocation failed", {
      details: `transferBatch ${failedDistribution} of ${distributions.length} reverted`,
    });
  }
  return {
    driver: driver.address,
    addresses: predicted,
    params: { emissionPerEpoch, maxUids, revealDelayEpochs, genesis },
    deployBlock: mined.blockNumber,
    deployGas,
  };
}
