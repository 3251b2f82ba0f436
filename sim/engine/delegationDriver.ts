import { chooseValidator, nextTake } from "../../agents/yieldChaser.ts";
import type { Address, ProtocolSession, StakeMove } from "../protocol/protocolSession.ts";
import { toTokens } from "../protocol/tokenUnits.ts";
import type { Rng } from "../rng/createRng.ts";
import type { DelegatorRow, StakeMoveRow } from "../run/runTables.ts";
import type { DelegationScenario } from "../scenario/delegationSchema.ts";
import type { EpochRecorder } from "./epochRecorder.ts";

/** Staking.TAKE_STEP_BPS: the largest raise of a take at a time. */
const MAX_RAISE = 0.05;

interface Delegator {
  name: string;
  strategy: "loyal" | "yield-chaser";
  address: Address;
  group: DelegationScenario["delegators"][number];
  /** Validator index staked on (-1 before its first stake). */
  validator: number;
  /** While its stake cools down: where it goes next and the epoch it was unstaked. */
  unbonding?: { from: number; to: number; since: number };
  lastMove: number;
  /** Its stake + unbonding + balance after the last phase (wei), and its stake then. */
  wealth: bigint;
  staked: bigint;
}

/** The run's delegation: delegators that stake and move their stake, validators that set takes. */
export interface DelegationDriver {
  readonly rows: { stakeMoves: StakeMoveRow[]; delegators: DelegatorRow[] };
  /**
   * The epoch's delegation phase, after emission: each delegator's reward is read back, chasers
   * compare the validators' yields and move, loyal delegators stay; validators set their takes; one
   * block of moves.
   */
  step(
    epoch: number,
    validators: readonly { agent: string; slot: number; uid: number }[],
    recorder: EpochRecorder,
  ): Promise<void>;
}

export function createDelegationDriver(
  config: DelegationScenario,
  session: ProtocolSession,
  validatorCount: number,
  cooldownEpochs: number,
  rng: Rng,
  /** costs.stakePerEpoch: the opportunity cost of locked stake per epoch (validator exit). */
  stakeCostPerEpoch = 0,
): DelegationDriver {
  const rows = { stakeMoves: [] as StakeMoveRow[], delegators: [] as DelegatorRow[] };
  const hotkeyOf = (v: number) => session.agentAddresses[v];
  const nameOf = (v: number) => (v < 0 ? "" : `validator-${v}`);
  let index = 0;
  const delegators: Delegator[] = config.delegators.flatMap((g) =>
    Array.from({ length: g.count }, (_, i) => {
      const name = `${g.name}-${i}`;
      const own = rng.fork(name);
      const validator =
        g.validator === undefined
          ? own.int(0, validatorCount - 1)
          : Number(g.validator.slice("validator-".length));
      return {
        name,
        strategy: g.strategy,
        address: session.delegatorAddresses[index++],
        group: g,
        validator: -1,
        lastMove: Number.NEGATIVE_INFINITY,
        wealth: 0n,
        staked: 0n,
        target: validator,
      } as Delegator & { target: number };
    }),
  );
  const takes = new Map(config.takes.map((t) => [Number(t.validator.slice("validator-".length)), t]));
  const yields: number[][] = [];
  let poolsAfter: bigint[] | null = null;
  const delegatedBefore = new Map<number, number>();
  /** Validators' own books for their exit: wealth and own stake after the last phase, the run of
   * unprofitable epochs, and the epoch they left (unstaked) and whether they withdrew. */
  const own = Array.from({ length: validatorCount }, () => ({
    wealth: -1n,
    stake: 0n,
    losing: 0,
    left: -1,
    withdrawn: false,
  }));
  const ownPositions = async () => {
    const hotkeys = Array.from({ length: validatorCount }, (_, v) => hotkeyOf(v));
    const [pos, balances] = await Promise.all([
      session.readStakePositions(hotkeys.map((h) => ({ staker: h, hotkey: h }))),
      session.readBalances(hotkeys),
    ]);
    return pos.map((p, v) => ({ ...p, balance: balances[v] }));
  };
  /** Validators waiting for a raise they asked for (the take asked, bps). */
  const raising = new Map<number, number>();

  const positions = async () => {
    const pos = await session.readStakePositions(
      delegators.flatMap((d) => {
        const v = d.unbonding?.from ?? Math.max(d.validator, 0);
        return [{ staker: d.address, hotkey: hotkeyOf(v) }];
      }),
    );
    const balances = await session.readBalances(delegators.map((d) => d.address));
    return delegators.map((_, i) => ({ ...pos[i], balance: balances[i] }));
  };

  return {
    rows,
    async step(epoch, validators, recorder) {
      const uidOf = new Map(validators.map((v) => [v.slot, v.uid]));
      // 1. What the pools earned since the last phase: each validator's yield per staked token.
      const stakes = await session.readStakes();
      const poolOf = (v: number) => {
        const uid = uidOf.get(v);
        return uid === undefined ? undefined : stakes[uid];
      };
      if (poolsAfter !== null) {
        const before = poolsAfter;
        yields.push(
          Array.from({ length: validatorCount }, (_, v) => {
            const now = poolOf(v);
            const was = before[v];
            return now === undefined || was <= 0n ? Number.NaN : toTokens(now - was) / toTokens(was);
          }),
        );
      }
      // 2. Each delegator's reward since the last phase.
      const now = await positions();
      const earned = delegators.map((d, i) => {
        const wealth = now[i].stake + now[i].unbonding + now[i].balance;
        return epoch === 0 ? 0n : wealth - d.wealth;
      });
      // 3. Decisions: validators' takes, then delegators' moves (one block, in this order).
      const moves: StakeMove[] = [];
      const meta: Omit<StakeMoveRow, "outcome">[] = [];
      const takesNow = await session.readTakes(Array.from({ length: validatorCount }, (_, v) => hotkeyOf(v)));
      const delegatedNow = new Map<number, number>();
      delegators.forEach((d, i) => {
        if (d.validator >= 0 && d.unbonding === undefined)
          delegatedNow.set(d.validator, (delegatedNow.get(d.validator) ?? 0) + toTokens(now[i].stake));
      });
      for (const [v, t] of takes) {
        // A raise waits TAKE_DELAY_BLOCKS before it is in force, and asking again restarts the wait:
        // a validator waits for its asked raise.
        const waiting = raising.get(v);
        if (waiting !== undefined) {
          if (takesNow[v] !== waiting) {
            delegatedBefore.set(v, delegatedNow.get(v) ?? 0);
            continue;
          }
          raising.delete(v);
        }
        const bps = nextTake({
          policy: t.policy,
          current: takesNow[v] / 10_000,
          target: t.take,
          step: t.step,
          min: t.min,
          maxRaise: MAX_RAISE,
          delegatedNow: delegatedNow.get(v) ?? 0,
          delegatedBefore: epoch === 0 ? -1 : (delegatedBefore.get(v) ?? 0),
        });
        delegatedBefore.set(v, delegatedNow.get(v) ?? 0);
        if (bps === null) continue;
        const asked = Math.round(bps * 10_000);
        if (asked > takesNow[v]) raising.set(v, asked);
        moves.push({ kind: "setTake", agent: nameOf(v), address: hotkeyOf(v), bps: asked });
        meta.push({
          epoch,
          actor: nameOf(v),
          action: "setTake",
          from: "",
          to: "",
          amount: 0,
          take: asked / 10_000,
        });
      }
      // Validators that leave: negative own profit for afterEpochs epochs in a row, then unstake all
      // their own stake; withdraw once the cooldown has passed.
      const exit = config.validatorExit;
      if (exit !== undefined) {
        const mine = await ownPositions();
        mine.forEach((p, v) => {
          const o = own[v];
          const wealth = p.stake + p.unbonding + p.balance;
          if (o.wealth >= 0n && o.left < 0) {
            const profit = toTokens(wealth - o.wealth) - stakeCostPerEpoch * toTokens(o.stake);
            o.losing = profit < 0 ? o.losing + 1 : 0;
          }
          if (o.left < 0 && o.losing >= exit.afterEpochs && p.stake > 0n) {
            moves.push({
              kind: "unstake",
              agent: nameOf(v),
              address: hotkeyOf(v),
              hotkey: hotkeyOf(v),
              amount: p.stake,
            });
            meta.push({
              epoch,
              actor: nameOf(v),
              action: "unstake",
              from: nameOf(v),
              to: "",
              amount: toTokens(p.stake),
              take: Number.NaN,
            });
            o.left = epoch;
          } else if (
            o.left >= 0 &&
            !o.withdrawn &&
            cooldownEpochs > 0 &&
            epoch >= o.left + cooldownEpochs + 1
          ) {
            moves.push({ kind: "withdraw", agent: nameOf(v), address: hotkeyOf(v), hotkey: hotkeyOf(v) });
            meta.push({
              epoch,
              actor: nameOf(v),
              action: "withdraw",
              from: nameOf(v),
              to: "",
              amount: toTokens(p.unbonding),
              take: Number.NaN,
            });
            o.withdrawn = true;
          }
        });
      }
      const stakeOn = (d: Delegator, v: number, amount: bigint) => {
        const uid = uidOf.get(v);
        if (uid === undefined || amount <= 0n) return;
        moves.push({ kind: "stake", agent: d.name, address: d.address, uid, hotkey: hotkeyOf(v), amount });
        meta.push({
          epoch,
          actor: d.name,
          action: "stake",
          from: "",
          to: nameOf(v),
          amount: toTokens(amount),
          take: Number.NaN,
        });
        d.validator = v;
        d.lastMove = epoch;
      };
      delegators.forEach((d, i) => {
        const p = now[i];
        if (d.validator < 0 && d.unbonding === undefined) {
          stakeOn(d, (d as Delegator & { target: number }).target, p.balance);
          return;
        }
        if (d.unbonding !== undefined) {
          if (epoch < d.unbonding.since + cooldownEpochs + 1) return;
          const { from, to } = d.unbonding;
          moves.push({ kind: "withdraw", agent: d.name, address: d.address, hotkey: hotkeyOf(from) });
          meta.push({
            epoch,
            actor: d.name,
            action: "withdraw",
            from: nameOf(from),
            to: "",
            amount: toTokens(p.unbonding),
            take: Number.NaN,
          });
          d.unbonding = undefined;
          stakeOn(d, to, p.balance + p.unbonding);
          return;
        }
        if (d.strategy === "loyal") return;
        const to = chooseValidator({
          yields,
          current: d.validator,
          epochsSinceMove: epoch - d.lastMove,
          window: d.group.windowEpochs,
          threshold: d.group.threshold,
          cooldownEpochs: d.group.cooldownEpochs,
        });
        if (to === null || p.stake === 0n || !uidOf.has(to)) return;
        const from = d.validator;
        moves.push({
          kind: "unstake",
          agent: d.name,
          address: d.address,
          hotkey: hotkeyOf(from),
          amount: p.stake,
        });
        meta.push({
          epoch,
          actor: d.name,
          action: "unstake",
          from: nameOf(from),
          to: nameOf(to),
          amount: toTokens(p.stake),
          take: Number.NaN,
        });
        if (cooldownEpochs === 0) stakeOn(d, to, p.balance + p.stake);
        else d.unbonding = { from, to, since: epoch };
      });
      const result = await session.moveStake(moves);
      recorder.record("delegation", result);
      result.outcomes.forEach((o, k) => {
        rows.stakeMoves.push({ ...meta[k], outcome: o.error ?? o.status });
        // A raise that reverted is not waited for.
        if (moves[k].kind === "setTake" && o.status !== "success")
          raising.delete(Number(meta[k].actor.slice(10)));
      });
      // 4. After the block: positions, the pools' stakes (the next yields' base), the rows.
      const after = await positions();
      if (config.validatorExit !== undefined) {
        (await ownPositions()).forEach((p, v) => {
          own[v].wealth = p.stake + p.unbonding + p.balance;
          own[v].stake = p.stake;
        });
      }
      const stakesAfter = await session.readStakes();
      poolsAfter = Array.from({ length: validatorCount }, (_, v) => {
        const uid = uidOf.get(v);
        return uid === undefined ? 0n : stakesAfter[uid];
      });
      delegators.forEach((d, i) => {
        const p = after[i];
        const reward = earned[i];
        rows.delegators.push({
          epoch,
          delegator: d.name,
          strategy: d.strategy,
          validator: d.unbonding === undefined ? nameOf(d.validator) : "",
          stake: toTokens(p.stake),
          unbonding: toTokens(p.unbonding),
          balance: toTokens(p.balance),
          reward: toTokens(reward),
          yield: d.staked > 0n ? toTokens(reward) / toTokens(d.staked) : 0,
        });
        d.wealth = p.stake + p.unbonding + p.balance;
        d.staked = p.stake;
      });
    },
  };
}
