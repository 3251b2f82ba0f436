import { CrucibleError } from "../../errors/CrucibleError.ts";
import { checkGovernance } from "../checkGovernance.ts";
import { deriveAddresses } from "../crypto/deriveAddresses.ts";
import { type ProtocolDeployment, SESSION_NETUID, sessionSubnetDefaults } from "../protocolDeployment.ts";
import type { Address } from "../protocolTypes.ts";
import { checkSubnetParams, defaultSubnetParams } from "../subnetParams.ts";
import { type BlockClock, createBlockClock } from "./blockClock.ts";
import { createMemoryBribeEscrow, type MemoryBribeEscrow } from "./memoryBribeEscrow.ts";
import { createMemoryEmission, type MemoryEmission } from "./memoryEmission.ts";
import { createMemoryGovernance, type MemoryGovernance } from "./memoryGovernance.ts";
import { createMemoryLedger, type MemoryLedger } from "./memoryLedger.ts";
import { createMemoryRegistry, type MemoryRegistry } from "./memoryRegistry.ts";
import { createMemoryStaking, type MemoryStaking } from "./memoryStaking.ts";
import { createMemoryTaskMarket, type MemoryTaskMarket } from "./memoryTaskMarket.ts";
import { createMemoryVotes, type MemoryVotes } from "./memoryVotes.ts";
import { createMemoryWeights, type MemoryWeights } from "./memoryWeights.ts";

/** Default supply cap: 2^128 wei, as deployProtocol's. */
const DEFAULT_SUPPLY_CAP = 2n ** 128n;

/** The protocol's contracts in memory, the accounts of the run, and the block clock. */
export interface MemoryProtocol {
  readonly netuid: number;
  readonly driver: Address;
  readonly agents: readonly Address[];
  readonly users: readonly Address[];
  readonly delegators: readonly Address[];
  readonly clock: BlockClock;
  readonly ledger: MemoryLedger;
  readonly registry: MemoryRegistry;
  readonly staking: MemoryStaking;
  readonly weights: MemoryWeights;
  readonly emission: MemoryEmission;
  readonly market: MemoryTaskMarket;
  /** The token's delegation and voting power (used by governance only). */
  readonly votes: MemoryVotes;
  /** Governor, timelock and parameter setters, when the deployment has governance. */
  readonly governance?: MemoryGovernance;
  /** The vote buyer's bribe escrow, when the deployment's governance has `bribes`. */
  readonly bribes?: MemoryBribeEscrow;
}

const invalid = (why: string) => new CrucibleError("CRUCIBLE_DEPLOYMENT_INVALID", why);

/**
 * What `startAnvilSession` deploys, in memory: the same accounts (derived from the seed with the
 * "agent", "driver" and "user" labels), the same checks on the parameters, the subnet created and
 * the genesis handed out in block 1.
 */
export function createMemoryProtocol(d: ProtocolDeployment): MemoryProtocol {
  const [driver] = deriveAddresses(d.seed, 1, "driver");
  const agents = deriveAddresses(d.seed, d.agents);
  const userGenesis = d.users ?? [];
  const users = deriveAddresses(d.seed, userGenesis.length, "user");
  const delegatorGenesis = d.delegators ?? [];
  const delegators = deriveAddresses(d.seed, delegatorGenesis.length, "delegator");
  const params = defaultSubnetParams(driver, { ...sessionSubnetDefaults(d.agents), ...d.subnet });
  const cap = d.supplyCap ?? DEFAULT_SUPPLY_CAP;
  const cooldown = d.unstakeCooldownBlocks ?? 0;
  const takeBps = d.defaultTakeBps ?? 1_800;
  const maxTakeBps = d.maxTakeBps ?? 10_000;
  const amounts = [...agents.map((_, i) => d.genesis[i] ?? 0n), ...userGenesis, ...delegatorGenesis];
  const genesis = [...agents, ...users, ...delegators].flatMap((address, i) =>
    amounts[i] > 0n ? [{ address, amount: amounts[i] }] : [],
  );
  const genesisSupply = genesis.reduce((s, g) => s + g.amount, 0n);
  if (d.genesis.some((g) => g < 0n) || amounts.some((g) => g < 0n)) {
    throw invalid("genesis amounts must be non-negative");
  }
  if (d.emissionPerEpoch < 0n) throw invalid("emissionPerEpoch must be non-negative");
  if (genesisSupply > cap) throw invalid(`genesis supply ${genesisSupply} exceeds supplyCap ${cap}`);
  if (!Number.isInteger(cooldown) || cooldown < 0) throw invalid("unstakeCooldownBlocks must be >= 0");
  if (!Number.isInteger(takeBps) || takeBps < 0 || takeBps > 10_000) {
    throw invalid("defaultTakeBps must be in 0..10000");
  }
  if (!Number.isInteger(maxTakeBps) || maxTakeBps < 0 || maxTakeBps > 10_000) {
    throw invalid("maxTakeBps must be in 0..10000");
  }
  if (takeBps > maxTakeBps) throw invalid("defaultTakeBps must not exceed maxTakeBps");
  checkSubnetParams(params, "subnets[0]"); // CRUCIBLE_DEPLOYMENT_INVALID, as deployProtocol
  if (d.governance !== undefined) checkGovernance(d.governance);
  const clock = createBlockClock(d.epochBlocks ?? 0);
  const ledger = createMemoryLedger(cap, driver, genesis);
  const registry = createMemoryRegistry(params, ledger, clock.head());
  const staking = createMemoryStaking(registry, ledger, takeBps, BigInt(cooldown), maxTakeBps);
  const weights = createMemoryWeights(SESSION_NETUID, registry, staking);
  const market = createMemoryTaskMarket(ledger, () => emission.frontier());
  const emission = createMemoryEmission(driver, d.emissionPerEpoch, { ledger, registry, staking, market });
  const votes = createMemoryVotes(ledger);
  // The registry's params object is shared by every part: a change governance makes reaches them all.
  const setters = d.governance?.protocolSetters
    ? {
        maxTakeBps,
        setTakeCeiling: (bps: number) => {
          staking.takeCeilingBps = bps;
        },
        checkEpochEmission: (amount: bigint) =>
          amount === 0n || amount > 2n * d.emissionPerEpoch ? "EmissionOutOfBounds" : undefined,
        setEpochEmission: (amount: bigint) => {
          emission.setRate(amount);
        },
      }
    : undefined;
  const governance = d.governance && createMemoryGovernance(d.governance, votes, registry.params, setters);
  const bribes =
    governance !== undefined && d.governance?.bribes === true
      ? createMemoryBribeEscrow(ledger, governance)
      : undefined;
  return {
    netuid: SESSION_NETUID,
    driver,
    agents,
    users,
    delegators,
    clock,
    ledger,
    registry,
    staking,
    weights,
    emission,
    market,
    votes,
    governance,
    bribes,
  };
}
