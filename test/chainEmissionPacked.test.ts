import { encodeFunctionData, parseAbi, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ChainHandle,
  DEFAULT_SUPPLY_CAP,
  defaultSubnetParams,
  deployProtocol,
  deriveAccounts,
  distributeCall,
  FREE_REGISTRATION,
  fundAccounts,
  type Protocol,
  packEmissionShares,
  phaseCall,
  protocolAbis,
  readBalances,
  readLedger,
  startChain,
  submitPhase,
} from "../sim/chain/index.ts";
import { MAX_REQUEST_BYTES } from "../sim/chain/requestBatch.ts";

// Past ~16,345 UIDs the old distribute(uint16, uint64, uint256[], uint256[]) no longer fits one request.
const N = 16_400;
const E = parseEther("1000000"); // per-UID amounts above 2^64: the packed u128 must carry them
const HALF = E / 2n;
const VALIDATORS = 32;

const oldAbi = parseAbi([
  "function distribute(uint16 netuid, uint64 epoch, uint256[] incentive, uint256[] dividends)",
]);
const hexBytes = (hex: string) => (hex.length - 2) / 2;

/** Miner amounts of unequal size (every fifth UID nothing) summing to exactly `total`. */
function exactAmounts(n: number, total: bigint): bigint[] {
  const w = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0n : BigInt((i % 97) + 1)));
  const W = w.reduce((s, x) => s + x, 0n);
  const a = w.map((x) => (total * x) / W);
  a[1] += total - a.reduce((s, x) => s + x, 0n);
  return a;
}

describe("Emission.distribute with packed shares", () => {
  it("takes 32 bytes of calldata per UID where the two uint256[] took 64, and fits one request", () => {
    const zeros = Array<bigint>(N).fill(0n);
    const packed = encodeFunctionData({
      abi: protocolAbis.emission,
      functionName: "distribute",
      args: [0, 0n, packEmissionShares(zeros, zeros)],
    });
    const old = encodeFunctionData({ abi: oldAbi, functionName: "distribute", args: [0, 0n, zeros, zeros] });
    // selector, netuid, epoch, offset, length, then 32 bytes a UID
    expect(hexBytes(packed)).toBe(4 + 4 * 32 + 32 * N);
    expect(hexBytes(old)).toBe(4 + 6 * 32 + 64 * N);
    expect(old.length).toBeGreaterThan(MAX_REQUEST_BYTES);
    expect(packed.length).toBeLessThan(MAX_REQUEST_BYTES - 1_000);
  });

  describe(`on Anvil, a subnet of ${N} UIDs`, () => {
    let chain: ChainHandle;
    let protocol: Protocol;
    const [driver] = deriveAccounts(23, 1, { label: "driver" });
    const [owner] = deriveAccounts(23, 1, { label: "owner" });
    const agents = deriveAccounts(23, N);

    beforeAll(async () => {
      chain = await startChain();
      await fundAccounts(chain, [driver.address, ...agents.map((a) => a.address)]);
      protocol = await deployProtocol(chain, {
        driver,
        emissionPerEpoch: E,
        supplyCap: DEFAULT_SUPPLY_CAP,
        genesis: [],
        subnets: [
          defaultSubnetParams(owner.address, {
            ...FREE_REGISTRATION,
            maxUids: N,
            immunityPeriod: 0n,
            ownerBps: 0,
            minerBps: 5_000,
            validatorBps: 5_000,
          }),
        ],
      });
      const reg = await submitPhase(
        chain,
        protocol,
        agents.map((a, i) => phaseCall(a, "registry", "register", [0, 0n], `a${i}`)),
      );
      expect(reg.reverted).toBe(0);
    }, 600_000);
    afterAll(async () => chain?.stop());

    it("pays every UID exactly its miner and validator amounts and mints the epoch's emission", async () => {
      const incentive = exactAmounts(N, HALF);
      const dividends = agents.map((_, i) => (i < VALIDATORS ? HALF / BigInt(VALIDATORS) : 0n));
      expect(HALF % BigInt(VALIDATORS)).toBe(0n);
      expect(incentive.some((x) => x >= 1n << 64n)).toBe(true);
      const who = agents.map((a) => a.address);
      const before = await readBalances(chain, protocol, who);
      const supply = (await readLedger(chain, protocol)).totalSupply;
      const call = distributeCall(driver, 0, 0n, incentive, dividends, "driver");
      const r = await submitPhase(chain, protocol, [call]);
      expect(r.outcomes.map((o) => o.error ?? o.status)).toEqual(["success"]);
      const after = await readBalances(chain, protocol, who);
      const paid = after.map((b, i) => b - before[i]);
      // No UID has stakers delegated: each part stays liquid with its hotkey.
      expect(paid).toEqual(incentive.map((x, i) => x + dividends[i]));
      expect((await readLedger(chain, protocol)).totalSupply - supply).toBe(E);
      const minted = await chain.publicClient.readContract({
        address: protocol.addresses.emission,
        abi: protocolAbis.emission,
        functionName: "mintedFor",
        args: [0, 0n],
      });
      expect(minted).toBe(E);
      console.log(`distribute over ${N} UIDs: gas ${r.gasUsed}`);
    }, 300_000);
  });
});
