import { type NetworkEconomy, runBlock, type SubnetEconomy } from "../dtaoCoinbase.ts";
import { distributeEpoch } from "../dtaoDistribution.ts";
import { blockEmission, networkLockCost } from "../dtaoEmission.ts";
import { buyAlpha, sellAlpha, spotPrice, swapFee } from "../dtaoPool.ts";
import { type DtaoCall, type DtaoDeployment, type DtaoNetworkView, genesisAmounts } from "../dtaoSession.ts";
import { MIN_STAKE, WAD } from "../dtaoUnits.ts";

/** A refused call: the contract's custom error name. */
class Refusal extends Error {}
function refuse(error: string): never {
  throw new Refusal(error);
}

/**
 * The DtaoNetwork contract in TypeScript (contracts/src/DtaoNetwork.sol), over the pure rules of
 * sim/protocol/dtao*.ts: the same checks in the same order, the same integers. Agents are indices.
 */
export class DtaoMemoryNetwork {
  private economy: NetworkEconomy;
  private readonly owners: number[] = [];
  readonly tao: bigint[];
  readonly root: bigint[];
  readonly alpha: bigint[][] = [];
  private lastLock: bigint;
  private lastRegistrationBlock = 0n;

  constructor(private readonly deployment: DtaoDeployment) {
    this.tao = genesisAmounts(deployment);
    this.root = Array.from({ length: deployment.agents }, () => 0n);
    this.lastLock = deployment.params.minLock / 2n;
    this.economy = {
      block: 0n,
      rootTao: 0n,
      totalIssuance: this.tao.reduce((a, b) => a + b, 0n),
      subnets: [],
    };
  }

  /** Applies one call; returns the custom error name of a refusal, or undefined. */
  apply(call: DtaoCall): string | undefined {
    try {
      this.dispatch(call);
      return undefined;
    } catch (error) {
      if (error instanceof Refusal) return error.message;
      throw error;
    }
  }

  view(): DtaoNetworkView {
    return {
      block: this.economy.block,
      rootTao: this.economy.rootTao,
      totalIssuance: this.economy.totalIssuance,
      lockCost: this.lockCost(),
      subnets: this.economy.subnets.map((s, i) => ({
        ...s,
        owner: this.owners[i],
        price: spotPrice({ tao: s.tao, alpha: s.alphaIn }),
      })),
    };
  }

  private lockCost(): bigint {
    const p = this.deployment.params;
    return networkLockCost(
      this.lastLock,
      p.minLock,
      p.lockReductionInterval,
      blockEmission(this.economy.totalIssuance),
      this.economy.block - this.lastRegistrationBlock,
    );
  }

  private medianPrice(): bigint {
    const prices = this.economy.subnets.map((s) => spotPrice({ tao: s.tao, alpha: s.alphaIn }));
    const n = prices.length;
    if (n === 0) return WAD;
    prices.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const m = n % 2 === 1 ? prices[(n - 1) / 2] : (prices[n / 2 - 1] + prices[n / 2]) / 2n;
    return m === 0n ? WAD : m;
  }

  private subnetIndex(netuid: number): number {
    if (!Number.isInteger(netuid) || netuid < 1 || netuid > this.economy.subnets.length)
      refuse("UnknownSubnet");
    return netuid - 1;
  }

  private setSubnet(i: number, next: SubnetEconomy): void {
    const subnets = [...this.economy.subnets];
    subnets[i] = next;
    this.economy = { ...this.economy, subnets };
  }

  private dispatch(call: DtaoCall): void {
    const p = this.deployment.params;
    switch (call.kind) {
      case "registerSubnet": {
        if (BigInt(this.economy.subnets.length) >= p.subnetLimit) refuse("SubnetLimitReached");
        const cost = this.lockCost();
        if (cost > call.maxLock) refuse("LockAboveLimit");
        if (this.tao[call.agent] < cost) refuse("InsufficientBalance");
        const price = this.medianPrice();
        this.tao[call.agent] -= cost;
        const subnet: SubnetEconomy = {
          tao: cost,
          alphaIn: (cost * WAD) / price,
          alphaOut: 0n,
          protocolAlpha: 0n,
          ema: 0n,
          minerBurned: 0n,
          emissionEnabled: true,
          ownerCut: p.ownerCut,
          firstEmissionBlock: this.economy.block + 1n,
          pendingServer: 0n,
          pendingValidator: 0n,
          pendingRoot: 0n,
          pendingOwner: 0n,
        };
        this.economy = { ...this.economy, subnets: [...this.economy.subnets, subnet] };
        this.owners.push(call.agent);
        this.alpha.push(this.tao.map(() => 0n));
        this.lastLock = cost;
        this.lastRegistrationBlock = this.economy.block;
        return;
      }
      case "stake": {
        const i = this.subnetIndex(call.netuid);
        const s = this.economy.subnets[i];
        if (call.tao < MIN_STAKE + swapFee(call.tao, p.feeRate)) refuse("StakeTooSmall");
        if (this.tao[call.agent] < call.tao) refuse("InsufficientBalance");
        const r = buyAlpha({ tao: s.tao, alpha: s.alphaIn }, call.tao, p.feeRate);
        if (!r.ok) refuse(r.error);
        this.tao[call.agent] -= call.tao;
        this.setSubnet(i, { ...s, tao: r.pool.tao, alphaIn: r.pool.alpha, alphaOut: s.alphaOut + r.out });
        this.economy = { ...this.economy, totalIssuance: this.economy.totalIssuance - r.fee };
        this.alpha[i][call.agent] += r.out;
        return;
      }
      case "unstake": {
        const i = this.subnetIndex(call.netuid);
        const s = this.economy.subnets[i];
        if (call.alpha === 0n) refuse("ZeroAmount");
        const held = this.alpha[i][call.agent];
        if (held < call.alpha) refuse("InsufficientBalance");
        const r = sellAlpha({ tao: s.tao, alpha: s.alphaIn }, call.alpha, p.feeRate);
        if (!r.ok) refuse(r.error);
        if (r.out < MIN_STAKE && call.alpha !== held) refuse("UnstakeTooSmall");
        this.alpha[i][call.agent] -= call.alpha;
        this.setSubnet(i, {
          ...s,
          tao: r.pool.tao,
          alphaIn: r.pool.alpha,
          alphaOut: s.alphaOut - call.alpha,
        });
        this.tao[call.agent] += r.out;
        return;
      }
      case "stakeRoot":
        if (call.tao === 0n) refuse("ZeroAmount");
        if (this.tao[call.agent] < call.tao) refuse("InsufficientBalance");
        this.tao[call.agent] -= call.tao;
        this.root[call.agent] += call.tao;
        this.economy = { ...this.economy, rootTao: this.economy.rootTao + call.tao };
        return;
      case "unstakeRoot":
        if (call.tao === 0n) refuse("ZeroAmount");
        if (this.root[call.agent] < call.tao) refuse("InsufficientBalance");
        this.root[call.agent] -= call.tao;
        this.tao[call.agent] += call.tao;
        this.economy = { ...this.economy, rootTao: this.economy.rootTao - call.tao };
        return;
      case "transferTao":
        // OpenZeppelin's ERC20 check and error name.
        if (this.tao[call.agent] < call.tao) refuse("ERC20InsufficientBalance");
        this.tao[call.agent] -= call.tao;
        this.tao[call.to] += call.tao;
        return;
      case "runBlocks":
        for (let b = 0; b < call.blocks; b++) this.economy = runBlock(this.economy, p).network;
        return;
      case "setEmissionEnabled": {
        const i = this.subnetIndex(call.netuid);
        this.setSubnet(i, { ...this.economy.subnets[i], emissionEnabled: call.enabled });
        return;
      }
      case "distribute":
        this.distribute(call);
        return;
    }
  }

  private distribute(call: Extract<DtaoCall, { kind: "distribute" }>): void {
    if (call.miners.length !== call.incentive.length || call.validators.length !== call.dividends.length)
      refuse("LengthMismatch");
    const i = this.subnetIndex(call.netuid);
    const s = this.economy.subnets[i];
    const pending = {
      server: s.pendingServer,
      validator: s.pendingValidator,
      root: s.pendingRoot,
      owner: s.pendingOwner,
    };
    const pay = distributeEpoch(
      pending,
      call.miners.map((m, j) => ({ incentive: call.incentive[j], isOwner: m === this.owners[i] })),
      call.validators.map((v, h) => ({
        dividend: call.dividends[h],
        alphaStake: this.alpha[i][v],
        rootStake: this.root[v],
      })),
      this.deployment.params.taoWeight,
    );
    call.miners.forEach((m, j) => {
      this.alpha[i][m] += pay.miners[j];
    });
    call.validators.forEach((v, h) => {
      this.alpha[i][v] += pay.validators[h];
    });
    this.alpha[i][this.owners[i]] += pay.owner;
    this.setSubnet(i, {
      ...s,
      alphaOut: s.alphaOut - pay.recycled,
      minerBurned: pay.minerBurned,
      pendingServer: 0n,
      pendingValidator: 0n,
      pendingRoot: 0n,
      pendingOwner: 0n,
    });
  }
}
