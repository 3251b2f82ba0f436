import { type Address, type LocalAccount, parseEventLogs } from "viem";
import { phaseCall, protocolAbis, readBalances, readLedger, revealPayload } from "../chain/index.ts";
import type { PhaseResult, WeightSubmission } from "./protocolSession.ts";
import { type SessionDeps, submissionHash } from "./sessionDeps.ts";

/** One user's task batch for an epoch: `tasks` queries paid with `fee` (wei) held in escrow. */
export interface TaskBatch {
  /** Index of the user (`userAddresses[user]`). */
  user: number;
  tasks: number;
  fee: bigint;
}

/** How the task market settled an epoch's escrow, read from the settlement block's events. */
export interface MarketSettlement {
  /** Fees released to the subnet (agents, plus the owner's cut and rounding dust), in wei. */
  released: bigint;
  /** Fees refunded to the users, in wei. */
  refunded: bigint;
  /** What the market transferred to each address (lower case), released fees and refunds alike. */
  paidTo: Map<string, bigint>;
}

/** A reveal whose signed payload differs from the on-chain commitment (the proof the watcher sends). */
export interface MismatchProof {
  uid: number;
  /** The reveal payload the validator signed (its uids, weights and salt). */
  submission: WeightSubmission;
}

/** Where every token is at the end of a run (wei): the books must balance. */
export interface SupplyBooks {
  totalSupply: bigint;
  totalBurned: bigint;
  /** Token balances of every account the run knows: agents, users and the driver (subnet owner). */
  accountBalances: bigint;
  totalStaked: bigint;
  totalUnbonding: bigint;
  totalEscrow: bigint;
}

/**
 * The task market and slashing, as the engine drives them (part of `ProtocolSession`). Users are
 * accounts outside the subnet, funded at genesis, that pay for the epoch's tasks; the driver is the
 * subnet owner and governance, and also acts as the watcher that submits mismatch proofs.
 */
export interface MarketAndSlashing {
  /** Users' accounts in order (empty without a task market). */
  readonly userAddresses: readonly Address[];
  /** The subnet's slash share in basis points, as deployed. */
  readonly slashBps: number;
  /** Each user escrows its batch's fee for `epoch` (TaskMarket.postTasks), in one block. */
  postTasks(epoch: number, batches: readonly TaskBatch[]): Promise<PhaseResult>;
  /** Whether Emission has settled `epoch` (paid or failed). */
  isEpochSettled(epoch: number): Promise<boolean>;
  /** Emission.failEpoch: nothing is minted for `epoch` and its escrow is refunded. */
  failEpoch(epoch: number): Promise<PhaseResult>;
  /** What the market paid out in blocks `fromBlock`..latest for `epoch` (events and transfers). */
  readMarketSettlement(epoch: number, fromBlock: bigint): Promise<MarketSettlement>;
  /**
   * The watcher's check: of the reveal payloads for `epoch` (each signed by its validator, as it
   * publishes it), those whose commit hash differs from the UID's on-chain commitment.
   */
  findMismatches(epoch: number, reveals: readonly MismatchProof[]): Promise<MismatchProof[]>;
  /**
   * One block of slashes: the watcher's mismatch proofs for `epoch` (each payload signed EIP-191 by
   * its validator, as it would publish it) and the owner's slashes of the `flagged` UIDs.
   */
  slash(epoch: number, proofs: readonly MismatchProof[], flagged: readonly number[]): Promise<PhaseResult>;
  readSupplyBooks(): Promise<SupplyBooks>;
}

export interface MarketSlashingDeps extends SessionDeps {
  driver: LocalAccount;
  users: readonly LocalAccount[];
  agents: readonly LocalAccount[];
}

/** The `MarketAndSlashing` half of the session, over the session's chain and accounts. */
export function marketAndSlashing(d: MarketSlashingDeps): MarketAndSlashing {
  const { chain, protocol, netuid, driver } = d;
  const client = chain.publicClient;
  const { market, emission, weights } = protocol.addresses;
  const hashOf = (epoch: number, s: WeightSubmission) => submissionHash(netuid, epoch, s);
  return {
    userAddresses: d.users.map((u) => u.address),
    slashBps: protocol.params.subnets[netuid].slashBps,
    postTasks: (epoch, batches) =>
      d.submit(
        batches.map((b) =>
          phaseCall(
            d.users[b.user],
            "market",
            "postTasks",
            [netuid, BigInt(epoch), b.tasks, b.fee],
            `user-${b.user}`,
          ),
        ),
      ),
    async isEpochSettled(epoch) {
      const status = await client.readContract({
        address: emission,
        abi: protocolAbis.emission,
        functionName: "statusOf",
        args: [netuid, BigInt(epoch)],
      });
      return status !== 0;
    },
    failEpoch: (epoch) =>
      d.submit([phaseCall(driver, "emission", "failEpoch", [netuid, BigInt(epoch)], "driver")]),
    async readMarketSettlement(epoch, fromBlock) {
      const [marketLogs, transfers] = await Promise.all([
        client.getLogs({ address: market, fromBlock, toBlock: "latest" }),
        client.getLogs({ address: protocol.addresses.token, fromBlock, toBlock: "latest" }),
      ]);
      let released = 0n;
      let refunded = 0n;
      for (const log of parseEventLogs({ abi: protocolAbis.market, logs: marketLogs })) {
        if (log.eventName !== "FeesReleased" && log.eventName !== "FeesRefunded") continue;
        if (log.args.netuid !== netuid || log.args.epoch !== BigInt(epoch)) continue;
        if (log.eventName === "FeesReleased") released += log.args.total;
        else refunded += log.args.total;
      }
      const paidTo = new Map<string, bigint>();
      for (const log of parseEventLogs({ abi: protocolAbis.token, logs: transfers, eventName: "Transfer" })) {
        if (log.args.from.toLowerCase() !== market.toLowerCase()) continue;
        const to = log.args.to.toLowerCase();
        paidTo.set(to, (paidTo.get(to) ?? 0n) + log.args.value);
      }
      return { released, refunded, paidTo };
    },
    async findMismatches(epoch, reveals) {
      const commitments = await Promise.all(
        reveals.map((r) =>
          client.readContract({
            address: weights,
            abi: protocolAbis.weights,
            functionName: "commitmentOf",
            args: [netuid, BigInt(epoch), r.uid],
          }),
        ),
      );
      return reveals.filter((r, i) => {
        const c = commitments[i];
        return c.blockNumber !== 0n && c.hash !== hashOf(epoch, r.submission);
      });
    },
    async slash(epoch, proofs, flagged) {
      const proofCalls = await Promise.all(
        proofs.map(async (p) => {
          const s = p.submission;
          const signature = await d.accountOf(s.address).signMessage({ message: { raw: hashOf(epoch, s) } });
          const args = [netuid, BigInt(epoch), p.uid, revealPayload(s), signature] as const;
          return phaseCall(driver, "weights", "proveMismatch", args, "watcher");
        }),
      );
      const ownerCalls = flagged.map((uid) =>
        phaseCall(driver, "staking", "slashByOwner", [netuid, uid], "governance"),
      );
      return d.submit([...proofCalls, ...ownerCalls]);
    },
    async readSupplyBooks() {
      const accounts = [...d.agents, ...d.users, driver].map((a) => a.address);
      const [ledger, balances] = await Promise.all([
        readLedger(chain, protocol),
        readBalances(chain, protocol, accounts),
      ]);
      return {
        totalSupply: ledger.totalSupply,
        totalBurned: ledger.totalBurned,
        accountBalances: balances.reduce((s, b) => s + b, 0n),
        totalStaked: ledger.totalStaked,
        totalUnbonding: ledger.totalUnbonding,
        totalEscrow: ledger.totalEscrow,
      };
    },
  };
}
