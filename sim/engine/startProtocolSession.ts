import type { Address, LocalAccount } from "viem";
import {
  type ChainHandle,
  commitHash,
  deployProtocol,
  deriveAccounts,
  fundAccounts,
  type PhaseCall,
  type Protocol,
  readBalances,
  readRegistry,
  readRevealedWeights,
  readStakes,
  readTotalSupply,
  startChain,
  submitPhase,
} from "../chain/index.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { PhaseResult, ProtocolSession, WeightSubmission } from "./protocolSession.ts";

export interface StartProtocolSessionOptions {
  seed: number;
  /** Number of agents; agent i is meant to hold UID i. */
  agents: number;
  emissionPerEpoch: bigint;
  revealDelayEpochs: number;
  /** Tokens minted to each agent at genesis (by index), e.g. the validators' stake. */
  genesis: readonly bigint[];
}

/**
 * The engine's chain: a fresh Anvil, the protocol deployed from a driver account, and one account per
 * agent derived from the run seed. Each engine phase becomes one `submitPhase` (one block).
 */
export async function startProtocolSession(options: StartProtocolSessionOptions): Promise<ProtocolSession> {
  const chain = await startChain();
  try {
    const [driver] = deriveAccounts(options.seed, 1, { label: "driver" });
    const accounts = deriveAccounts(options.seed, options.agents);
    await fundAccounts(chain, [driver.address, ...accounts.map((a) => a.address)]);
    const protocol = await deployProtocol(chain, {
      driver,
      emissionPerEpoch: options.emissionPerEpoch,
      maxUids: Math.max(options.agents, 1),
      revealDelayEpochs: options.revealDelayEpochs,
      genesis: accounts.flatMap((a, i) =>
        options.genesis[i] > 0n ? [{ address: a.address, amount: options.genesis[i] }] : [],
      ),
    });
    const clientVersion = await chain.publicClient.request({ method: "web3_clientVersion" });
    return createSession(chain, protocol, driver, accounts, String(clientVersion));
  } catch (error) {
    await chain.stop();
    throw error;
  }
}

function createSession(
  chain: ChainHandle,
  protocol: Protocol,
  driver: LocalAccount,
  accounts: readonly LocalAccount[],
  clientVersion: string,
): ProtocolSession {
  const byAddress = new Map(accounts.map((a) => [a.address.toLowerCase(), a]));
  const accountOf = (address: Address) => {
    const account = byAddress.get(address.toLowerCase());
    if (!account) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `no key for ${address}`);
    return account;
  };
  const submit = async (calls: readonly PhaseCall[]): Promise<PhaseResult> => {
    const r = await submitPhase(chain, protocol, calls);
    return { outcomes: r.outcomes.map((o) => ({ ...o })), gasUsed: r.gasUsed, block: r.blockNumber };
  };
  const hashOf = (epoch: number, s: WeightSubmission) =>
    commitHash({ epoch: BigInt(epoch), hotkey: s.address, uids: s.uids, weights: s.weights, salt: s.salt });

  return {
    rpcUrl: chain.rpcUrl,
    clientVersion,
    agentAddresses: accounts.map((a) => a.address),
    addresses: { ...protocol.addresses },
    async registerAll(agents) {
      const result = await submit(
        agents.map((a) => ({
          agent: a.agent,
          account: accountOf(a.address),
          contract: "registry",
          functionName: "register",
          args: [],
        })),
      );
      const registry = await readRegistry(chain, protocol);
      agents.forEach((a, uid) => {
        if (registry.hotkeys[uid]?.toLowerCase() !== a.address.toLowerCase()) {
          throw new CrucibleError(
            "CRUCIBLE_CHAIN_FAILED",
            `${a.agent} did not get UID ${uid} at registration`,
          );
        }
      });
      return result;
    },
    stakeGenesis: (stakes) =>
      submit(
        stakes.map((s) => ({
          agent: s.agent,
          account: accountOf(s.address),
          contract: "staking",
          functionName: "stake",
          args: [s.uid, s.amount],
        })),
      ),
    openEpoch: (epoch) =>
      submit([
        {
          agent: "driver",
          account: driver,
          contract: "weights",
          functionName: "openEpoch",
          args: [BigInt(epoch)],
        },
      ]),
    commitWeights: (epoch, submissions) =>
      submit(
        submissions.map((s) => ({
          agent: s.agent,
          account: accountOf(s.address),
          contract: "weights",
          functionName: "commit",
          args: [hashOf(epoch, s)],
        })),
      ),
    revealWeights: (epoch, submissions) =>
      submit(
        submissions.map((s) => ({
          agent: s.agent,
          account: accountOf(s.address),
          contract: "weights",
          functionName: "reveal",
          args: [BigInt(epoch), s.uids, s.weights, s.salt],
        })),
      ),
    readStakes: () => readStakes(chain, protocol),
    readRegisteredAt: async () => (await readRegistry(chain, protocol)).registeredAt,
    async readRevealedWeights(epoch, n) {
      const r = await readRevealedWeights(chain, protocol, epoch);
      const weights = new Float64Array(n * n);
      for (let i = 0; i < Math.min(n, r.n); i++) {
        for (let j = 0; j < Math.min(n, r.n); j++) weights[i * n + j] = r.weights[i * r.n + j];
      }
      return { weights, revealed: Array.from({ length: n }, (_, i) => r.revealed[i] ?? false) };
    },
    payEpoch: (epoch, recipients, amounts) =>
      submit([
        {
          agent: "driver",
          account: driver,
          contract: "emission",
          functionName: "payEpoch",
          args: [BigInt(epoch), [...recipients], [...amounts]],
        },
      ]),
    readBalances: (addresses) => readBalances(chain, protocol, addresses),
    readTotalSupply: () => readTotalSupply(chain, protocol),
    stop: () => chain.stop(),
  };
}
