import { CrucibleError } from "../../errors/CrucibleError.ts";
import { amountsByUid } from "../amountsByUid.ts";
import { submissionHash } from "../crypto/commitHash.ts";
import type { ProtocolSession } from "../protocolSession.ts";
import type { Address } from "../protocolTypes.ts";
import { toEmissionShares } from "../toEmissionShares.ts";
import { topStakeUids } from "../topStakeUids.ts";
import { packWeightRow } from "../weightRow.ts";
import { type MemoryGovernanceSession, memoryGovernanceSession } from "./memoryGovernanceSession.ts";
import type { MemoryProtocol } from "./memoryProtocol.ts";
import { type MemoryCall, runMemoryPhase } from "./runMemoryPhase.ts";

const U128_MAX = (1n << 128n) - 1n;

/** What packEmissionShares refuses before any call is sent (the Anvil session throws there too). */
function checkShares(incentive: readonly bigint[], dividends: readonly bigint[]): void {
  if (incentive.length !== dividends.length) {
    throw new CrucibleError(
      "CRUCIBLE_INVALID_ARGUMENT",
      `emission shares: ${incentive.length} incentives but ${dividends.length} dividends`,
    );
  }
  for (const [what, xs] of [
    ["incentive", incentive],
    ["dividends", dividends],
  ] as const) {
    const i = xs.findIndex((v) => v < 0n || v > U128_MAX);
    if (i >= 0)
      throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", `emission shares: ${what}[${i}] is not a u128`);
  }
}

export type MemoryWrites = MemoryGovernanceSession &
  Pick<
    ProtocolSession,
    | "registerAgents"
    | "stakeGenesis"
    | "openEpoch"
    | "commitWeights"
    | "revealWeights"
    | "payEpoch"
    | "distributeEmission"
    | "postTasks"
    | "failEpoch"
    | "slash"
  >;

/** The port's writes over the memory protocol; `accountOf` resolves an agent's address (throws for
 * one that is not an agent, as the Anvil session has no key for it). */
export function memoryWrites(m: MemoryProtocol, accountOf: (address: Address) => Address): MemoryWrites {
  const { clock, registry, staking, weights, emission, market, ledger } = m;
  const phase = async (calls: MemoryCall[]) => runMemoryPhase(clock, calls, m.votes.beforeCall);
  const driverCall = (functionName: string, run: MemoryCall["run"], agent = "driver"): MemoryCall => ({
    agent,
    functionName,
    run,
  });
  const distribute = (epoch: number, incentive: bigint[], dividends: bigint[]) => {
    checkShares(incentive, dividends);
    return phase([driverCall("distribute", (b) => emission.distribute(epoch, incentive, dividends, b))]);
  };
  return {
    ...memoryGovernanceSession(m, accountOf, phase),
    async registerAgents(agents) {
      const senders = agents.map((a) => accountOf(a.address));
      const before = senders.map((s) => ledger.balanceOf(s));
      const result = await phase(
        agents.map((a, i) => ({
          agent: a.agent,
          functionName: "register",
          run: (block) => registry.register(senders[i], block),
        })),
      );
      return { ...result, burned: senders.map((s, i) => before[i] - ledger.balanceOf(s)) };
    },
    stakeGenesis: (stakes) =>
      phase(
        stakes.map((s) => {
          const staker = accountOf(s.address);
          return {
            agent: s.agent,
            functionName: "stake",
            run: () => staking.stake(staker, s.uid, s.hotkey ?? staker, s.amount),
          };
        }),
      ),
    async openEpoch(epoch, permits) {
      const stakes = registry.hotkeys.map((h) => staking.stakeOf(h));
      const permitted = permits ?? topStakeUids(stakes, registry.params.maxValidators);
      return phase([
        driverCall("setPermits", (block) => weights.setPermits(permitted, block)),
        driverCall("openEpoch", () => weights.openEpoch(epoch)),
      ]);
    },
    commitWeights: (epoch, submissions) =>
      phase(
        submissions.map((s) => {
          const hotkey = accountOf(s.address);
          const hash = submissionHash(m.netuid, epoch, s);
          return {
            agent: s.agent,
            functionName: "commit",
            run: (block) => weights.commit(hotkey, hash, block),
          };
        }),
      ),
    revealWeights: (epoch, submissions) =>
      phase(
        submissions.map((s) => {
          const hotkey = accountOf(s.address);
          packWeightRow(s.uids, s.weights); // refuses what cannot be encoded, as revealCall does
          return {
            agent: s.agent,
            functionName: "reveal",
            run: (block) => weights.reveal(hotkey, epoch, s, block),
          };
        }),
      ),
    async payEpoch(epoch, recipients, amounts) {
      const incentive = amountsByUid(registry.hotkeys, recipients, amounts);
      return distribute(
        epoch,
        incentive,
        incentive.map(() => 0n),
      );
    },
    distributeEmission: (epoch, incentive, dividends) =>
      distribute(epoch, toEmissionShares(incentive), toEmissionShares(dividends)),
    postTasks: (epoch, batches) =>
      phase(
        batches.map((b) => {
          const user = m.users[b.user];
          if (user === undefined) throw new CrucibleError("CRUCIBLE_CHAIN_FAILED", `no user ${b.user}`);
          return {
            agent: `user-${b.user}`,
            functionName: "postTasks",
            run: () => market.postTasks(user, epoch, b.fee),
          };
        }),
      ),
    failEpoch: (epoch) => phase([driverCall("failEpoch", (block) => emission.failEpoch(epoch, block))]),
    slash(epoch, proofs, flagged) {
      const proofCalls = proofs.map((p) => {
        const signer = accountOf(p.submission.address);
        const payload = { ...p.submission, signer };
        return driverCall("proveMismatch", () => weights.proveMismatch(epoch, p.uid, payload), "watcher");
      });
      const ownerCalls = flagged.map((f) =>
        driverCall(
          "slashByOwner",
          () => staking.slashByOwner(f.uid, f.hotkey, weights.openEpochNow()),
          "governance",
        ),
      );
      return phase([...proofCalls, ...ownerCalls]);
    },
  };
}
