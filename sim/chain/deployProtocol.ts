import {
  type Address,
  encodeDeployData,
  encodeFunctionData,
  getContractAddress,
  type Hex,
  type LocalAccount,
  zeroAddress,
} from "viem";
import {
  crucibleBallotGovernorBytecode,
  crucibleGovernorAbi,
  crucibleGovernorBytecode,
  crucibleTimelockBytecode,
  crucibleTokenBytecode,
  crucibleVotesTokenBytecode,
  emissionBytecode,
  governedEmissionBytecode,
  governedRevealRegistryBytecode,
  governedStakingBytecode,
  governedSubnetRegistryBytecode,
  stakingBytecode,
  subnetRegistryBytecode,
  taskMarketBytecode,
  voteBribeEscrowBytecode,
  weightsBytecode,
} from "../../contracts/generated/index.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { checkGovernance } from "../protocol/checkGovernance.ts";
import { type GovernanceDeployment, recordsBallots } from "../protocol/governanceTypes.ts";
import { checkSubnetParams, type SubnetParams } from "../protocol/subnetParams.ts";
import {
  governanceContracts,
  type ProtocolContract,
  protocolAbis,
  protocolContracts,
} from "./protocolAbis.ts";
import { requestBatch } from "./requestBatch.ts";
import { sendAndMine } from "./sendAndMine.ts";
import { signCalls } from "./signCalls.ts";
import type { ChainHandle } from "./startChain.ts";
import { toChainError } from "./toChainError.ts";

export interface ProtocolParams {
  /** Tokens (wei) an epoch of a subnet mints before any halving. */
  readonly emissionPerEpoch: bigint;
  /** Upper bound of everything ever minted, genesis included; emission halves as issuance crosses
   * 1/2, 3/4, 7/8, ... of it. */
  readonly supplyCap: bigint;
  /** Blocks between unstaking and withdrawing (0: tokens return at once). */
  readonly unstakeCooldownBlocks: number;
  /** Validator take when a hotkey set none, and the most it may set (basis points). */
  readonly defaultTakeBps: number;
  readonly maxTakeBps: number;
  /**
   * Genesis allocation: the token's constructor mints the sum to the driver, who transfers each
   * share in the deployment block. Include the driver to keep a treasury.
   */
  readonly genesis: readonly { readonly address: Address; readonly amount: bigint }[];
  /** Subnets created at deployment; netuid = index. */
  readonly subnets: readonly SubnetParams[];
  /**
   * With governance the token is CrucibleVotesToken, the registry GovernedSubnetRegistry (its
   * parameters changed by the timelock only), and CrucibleTimelock and CrucibleGovernor follow the
   * six in the same block. Without it, the plain contracts (and their gas) as before.
   */
  readonly governance?: GovernanceDeployment;
}

export type DeployProtocolParameters = Pick<ProtocolParams, "emissionPerEpoch" | "genesis"> &
  Partial<Omit<ProtocolParams, "emissionPerEpoch" | "genesis">> & {
    /** The epoch driver (governance): deploys, creates subnets, opens epochs, pays emission. */
    readonly driver: LocalAccount;
  };

export interface Protocol {
  readonly driver: Address;
  readonly addresses: Readonly<Record<ProtocolContract, Address>>;
  readonly params: ProtocolParams;
  readonly deployBlock: bigint;
  /** Gas used by each deployment. */
  readonly deployGas: Readonly<Partial<Record<ProtocolContract, bigint>>>;
}

/** Default supply cap: 2^128 wei, far above any run (no halving unless a scenario sets a cap). */
export const DEFAULT_SUPPLY_CAP = 2n ** 128n;
const DEPLOY_GAS = 10_000_000n;
/** Genesis recipients per transferBatch transaction (keeps each well under 16M gas). */
const GENESIS_CHUNK = 300;

/** Fills in the defaults and checks every parameter (CRUCIBLE_DEPLOYMENT_INVALID naming the field). */
export function resolveProtocolParams(p: DeployProtocolParameters): ProtocolParams {
  const resolved: ProtocolParams = {
    emissionPerEpoch: p.emissionPerEpoch,
    supplyCap: p.supplyCap ?? DEFAULT_SUPPLY_CAP,
    unstakeCooldownBlocks: p.unstakeCooldownBlocks ?? 0,
    defaultTakeBps: p.defaultTakeBps ?? 1_800,
    maxTakeBps: p.maxTakeBps ?? 10_000,
    genesis: p.genesis,
    subnets: p.subnets ?? [],
    governance: p.governance,
  };
  if (resolved.governance !== undefined) checkGovernance(resolved.governance);
  const genesisSupply = resolved.genesis.reduce((s, g) => s + g.amount, 0n);
  if (resolved.genesis.some((g) => g.amount < 0n))
    throw new CrucibleError("CRUCIBLE_DEPLOYMENT_INVALID", "genesis amounts must be non-negative");
  if (resolved.emissionPerEpoch < 0n)
    throw new CrucibleError("CRUCIBLE_DEPLOYMENT_INVALID", "emissionPerEpoch must be non-negative");
  if (genesisSupply > resolved.supplyCap) {
    throw new CrucibleError(
      "CRUCIBLE_DEPLOYMENT_INVALID",
      `genesis supply ${genesisSupply} exceeds supplyCap ${resolved.supplyCap}`,
    );
  }
  const { unstakeCooldownBlocks, defaultTakeBps, maxTakeBps } = resolved;
  if (!Number.isInteger(unstakeCooldownBlocks) || unstakeCooldownBlocks < 0) {
    throw new CrucibleError(
      "CRUCIBLE_DEPLOYMENT_INVALID",
      `unstakeCooldownBlocks must be a non-negative integer, got ${unstakeCooldownBlocks}`,
    );
  }
  for (const [name, v] of [
    ["defaultTakeBps", defaultTakeBps],
    ["maxTakeBps", maxTakeBps],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 10_000)
      throw new CrucibleError("CRUCIBLE_DEPLOYMENT_INVALID", `${name} must be in 0..10000`);
  }
  if (defaultTakeBps > maxTakeBps)
    throw new CrucibleError("CRUCIBLE_DEPLOYMENT_INVALID", "defaultTakeBps must not exceed maxTakeBps");
  resolved.subnets.forEach((s, i) => {
    checkSubnetParams(s, `subnets[${i}]`);
  });
  return resolved;
}

/**
 * Deploys the six contracts (eight with governance: the timelock and the Governor after them) from
 * the driver in ONE block, wired through their constructors: addresses are predicted from the
 * driver's nonces, so every link is immutable. The subnets are created and the genesis allocation
 * distributed in the same block. With governance the chain first mines one second per block
 * (anvil_setBlockTimestampInterval), so the timelock's delay in seconds is a delay in blocks, the
 * same on every run.
 */
export async function deployProtocol(
  chain: ChainHandle,
  parameters: DeployProtocolParameters,
): Promise<Protocol> {
  const params = resolveProtocolParams(parameters);
  try {
    return await deploy(chain, parameters.driver, params);
  } catch (error) {
    throw toChainError(error, "deploying the protocol");
  }
}

type DeployedContract = (typeof protocolContracts)[number] | (typeof governanceContracts)[number];

function creationCode(driver: Address, a: Record<ProtocolContract, Address>, p: ProtocolParams) {
  const genesisSupply = p.genesis.reduce((sum, g) => sum + g.amount, 0n);
  const abi = protocolAbis;
  const g = p.governance;
  const tokenArgs = [
    a.emission,
    a.registry,
    a.staking,
    a.market,
    driver,
    genesisSupply,
    p.supplyCap,
  ] as const;
  // Staking's constructor; its governed version takes the timelock after them.
  const stakingArgs = [
    a.token,
    a.registry,
    a.weights,
    a.emission,
    driver,
    BigInt(p.unstakeCooldownBlocks),
    p.defaultTakeBps,
    p.maxTakeBps,
  ] as const;
  const code: Partial<Record<DeployedContract, Hex>> = {
    token:
      g === undefined
        ? encodeDeployData({ abi: abi.token, bytecode: crucibleTokenBytecode, args: tokenArgs })
        : encodeDeployData({ abi: abi.votes, bytecode: crucibleVotesTokenBytecode, args: tokenArgs }),
    registry:
      g === undefined
        ? encodeDeployData({
            abi: abi.registry,
            bytecode: subnetRegistryBytecode,
            args: [a.token, a.emission, driver],
          })
        : encodeDeployData({
            abi: abi.governedRegistry,
            bytecode: governedSubnetRegistryBytecode,
            args: [a.token, a.emission, driver, a.timelock],
          }),
    staking: encodeDeployData({ abi: abi.staking, bytecode: stakingBytecode, args: stakingArgs }),
    weights: encodeDeployData({
      abi: abi.weights,
      bytecode: weightsBytecode,
      args: [a.registry, a.staking, driver],
    }),
    emission: encodeDeployData({
      abi: abi.emission,
      bytecode: emissionBytecode,
      args: [a.token, a.registry, a.staking, a.market, driver, p.emissionPerEpoch],
    }),
    market: encodeDeployData({
      abi: abi.market,
      bytecode: taskMarketBytecode,
      args: [a.token, a.registry, a.emission],
    }),
  };
  if (g?.protocolSetters === true) {
    // The governed versions of the registry, Staking and Emission, each with the timelock as admin.
    code.registry = encodeDeployData({
      abi: abi.revealRegistry,
      bytecode: governedRevealRegistryBytecode,
      args: [a.token, a.emission, driver, a.timelock],
    });
    code.staking = encodeDeployData({
      abi: abi.governedStaking,
      bytecode: governedStakingBytecode,
      args: [...stakingArgs, a.timelock],
    });
    code.emission = encodeDeployData({
      abi: abi.governedEmission,
      bytecode: governedEmissionBytecode,
      args: [a.token, a.registry, a.staking, a.market, driver, p.emissionPerEpoch, a.timelock],
    });
  }
  if (g !== undefined) {
    code.timelock = encodeDeployData({
      abi: abi.timelock,
      bytecode: crucibleTimelockBytecode,
      args: [BigInt(g.timelockDelayBlocks), a.governor],
    });
    const governorArgs = [
      a.token,
      a.timelock,
      g.votingDelayBlocks,
      g.votingPeriodBlocks,
      g.proposalThresholdWei,
      BigInt(g.quorumBps),
    ] as const;
    // CrucibleGovernor unless ballots must be recorded (a bribe escrow) or counted quadratically.
    code.governor = recordsBallots(g)
      ? encodeDeployData({
          abi: abi.governor,
          bytecode: crucibleBallotGovernorBytecode,
          args: [...governorArgs, g.counting === "quadratic"],
        })
      : encodeDeployData({
          abi: crucibleGovernorAbi,
          bytecode: crucibleGovernorBytecode,
          args: governorArgs,
        });
    if (g.bribes === true) {
      code.bribes = encodeDeployData({
        abi: abi.bribes,
        bytecode: voteBribeEscrowBytecode,
        args: [a.token, a.governor],
      });
    }
  }
  return code;
}

async function deploy(chain: ChainHandle, driver: LocalAccount, params: ProtocolParams): Promise<Protocol> {
  const g = params.governance;
  if (g !== undefined) {
    const [set] = await requestBatch(chain.rpcUrl, [
      { method: "anvil_setBlockTimestampInterval", params: [1] },
    ]);
    if (!set.ok) {
      throw new CrucibleError(
        "CRUCIBLE_CHAIN_FAILED",
        `anvil_setBlockTimestampInterval: ${set.error.message}`,
      );
    }
  }
  const nonce = await chain.publicClient.getTransactionCount({
    address: driver.address,
    blockTag: "pending",
  });
  chain.nonces.set(driver.address, nonce);
  const order: readonly DeployedContract[] =
    g === undefined
      ? protocolContracts
      : [...protocolContracts, ...governanceContracts.filter((c) => c !== "bribes" || g.bribes === true)];
  const deployed = Object.fromEntries(
    order.map((key, i) => [key, getContractAddress({ from: driver.address, nonce: BigInt(nonce + i) })]),
  ) as Record<(typeof protocolContracts)[number], Address> &
    Partial<Record<(typeof governanceContracts)[number], Address>>;
  // Without governance there is no Governor or timelock: their keys hold the zero address.
  const predicted: Record<ProtocolContract, Address> = {
    ...deployed,
    timelock: deployed.timelock ?? zeroAddress,
    governor: deployed.governor ?? zeroAddress,
    bribes: deployed.bribes ?? zeroAddress,
    votes: deployed.token,
    governedRegistry: deployed.registry,
    revealRegistry: deployed.registry,
    governedStaking: deployed.staking,
    governedEmission: deployed.emission,
  };
  const code = creationCode(driver.address, predicted, params);
  const deployments = order.map((key) => ({
    account: driver,
    to: null,
    data: code[key] as Hex,
    gas: DEPLOY_GAS,
  }));
  const subnets = params.subnets.map((s) => ({
    account: driver,
    to: predicted.registry,
    data: encodeFunctionData({ abi: protocolAbis.registry, functionName: "createSubnet", args: [s] }),
    gas: 1_000_000n,
  }));
  // The treasury (driver) hands out the rest of the genesis in the same block, right after deployment.
  const others = params.genesis.filter((g) => g.address.toLowerCase() !== driver.address.toLowerCase());
  const distributions = [];
  for (let i = 0; i < others.length; i += GENESIS_CHUNK) {
    const chunk = others.slice(i, i + GENESIS_CHUNK);
    distributions.push({
      account: driver,
      to: predicted.token,
      data: encodeFunctionData({
        abi: protocolAbis.token,
        functionName: "transferBatch",
        args: [chunk.map((g) => g.address), chunk.map((g) => g.amount)],
      }),
      gas: 100_000n + 40_000n * BigInt(chunk.length),
    });
  }
  const all = [...deployments, ...subnets, ...distributions];
  const signed = await signCalls(chain, all, { chunkSize: all.length });
  const mined = await sendAndMine(chain, [signed]);
  const deployGas: Partial<Record<ProtocolContract, bigint>> = {};
  order.forEach((key, i) => {
    const r = mined.receipts[i];
    if (r.status !== "0x1" || r.contractAddress?.toLowerCase() !== predicted[key].toLowerCase()) {
      throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `deploying ${key} failed`, {
        details: `status ${r.status}, address ${r.contractAddress}, expected ${predicted[key]}`,
      });
    }
    deployGas[key] = BigInt(r.gasUsed);
  });
  const rest = mined.receipts.slice(order.length);
  const failed = rest.findIndex((r) => r.status !== "0x1");
  if (failed >= 0) {
    const what =
      failed < subnets.length ? `creating subnet ${failed}` : "distributing the genesis allocation";
    throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `${what} failed`);
  }
  return {
    driver: driver.address,
    addresses: predicted,
    params,
    deployBlock: mined.blocks[0],
    deployGas,
  };
}
