import { type LocalAccount, parseEventLogs } from "viem";
import type { ProtocolSession, WeightSubmission } from "../../protocol/protocolSession.ts";
import {
  phaseCall,
  protocolAbis,
  readBalances,
  readLedger,
  revealPayload,
  revealTypedData,
} from "../index.ts";
import { type SessionDeps, submissionHash } from "./sessionDeps.ts";

/** The task market and slashing part of the session (see `ProtocolSession`). */
export type MarketAndSlashing = Pick<
  ProtocolSession,
  | "userAddresses"
  | "slashBps"
  | "postTasks"
  | "isEpochSettled"
  | "failEpoch"
  | "readMarketSettlement"
  | "findMismatches"
  | "slash"
  | "readSupplyBooks"
>;

export interface MarketSlashingDeps extends SessionDeps {
  driver: LocalAccount;
  users: readonly LocalAccount[];
  agents: readonly LocalAccount[];
  /** Delegators' accounts (outside the subnet), counted in the supply books. */
  delegators?: readonly LocalAccount[];
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
      const chainId = await client.getChainId();
      const proofCalls = await Promise.all(
        proofs.map(async (p) => {
          const s = p.submission;
          const payload = revealPayload(s);
          const signature = await d.accountOf(s.address).signTypedData(
            revealTypedData({
              chainId,
              weights,
              netuid,
              epoch: BigInt(epoch),
              hotkey: s.address,
              ...payload,
            }),
          );
          const args = [netuid, BigInt(epoch), p.uid, payload, signature] as const;
          return phaseCall(driver, "weights", "proveMismatch", args, "watcher");
        }),
      );
      const ownerCalls = flagged.map((f) =>
        phaseCall(driver, "staking", "slashByOwner", [netuid, f.uid, f.hotkey], "governance"),
      );
      return d.submit([...proofCalls, ...ownerCalls]);
    },
    async readSupplyBooks() {
      const accounts = [...d.agents, ...d.users, ...(d.delegators ?? []), driver].map((a) => a.address);
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
