import { createPublicClient, http, parseEventLogs } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { protocolAbis } from "../sim/chain/protocolAbis.ts";
import { type AnvilSession, startAnvilSession } from "../sim/chain/session/startAnvilSession.ts";
import type { SessionAgent } from "../sim/protocol/protocolSession.ts";
import { priceAfterRegistration, registrationPriceAt } from "../sim/protocol/registrationPrice.ts";
import { toWei } from "../sim/protocol/tokenUnits.ts";

/**
 * The engine's registration on a real Anvil: what each agent burned (its balance before minus after)
 * equals the price curve mirrored in sim/protocol/registrationPrice.ts, evaluated at the blocks the
 * registrations were mined in; an agent short of the price gets a recorded revert; a full subnet
 * refuses while every UID is immune and then replaces the oldest zero-emission UID.
 */
const TEMPO = 20;
const CURVE = {
  burnHalfLife: 20n,
  burnIncreaseBps: 12_600,
  minBurn: toWei(0.0005),
  maxBurn: toWei(2),
};

describe("registration on the full protocol (real Anvil)", () => {
  let session: AnvilSession;
  let agents: SessionAgent[];
  const events: { block: bigint; price: bigint; uid: number; hotkey: string }[] = [];
  let created = 0n;
  const burned = new Map<string, bigint>();
  const outcomes: { agent: string; status: string; error?: string }[] = [];

  beforeAll(async () => {
    session = await startAnvilSession({
      seed: 11,
      agents: 8,
      emissionPerEpoch: toWei(100),
      // agent 5 has nothing to burn
      genesis: [5, 5, 5, 5, 5, 0, 5, 5].map((t) => toWei(t)),
      subnet: {
        revealDelayEpochs: 0,
        ...CURVE,
        initialBurn: toWei(0.1),
        maxUids: 4,
        immunityPeriod: BigInt(2 * TEMPO),
      },
      epochBlocks: TEMPO,
    });
    agents = session.agentAddresses.map((address, i) => ({ agent: `agent-${i}`, address }));
    const register = async (who: number[]) => {
      const r = await session.registerAgents(who.map((i) => agents[i]));
      who.forEach((i, k) => {
        burned.set(agents[i].agent, (burned.get(agents[i].agent) ?? 0n) + r.burned[k]);
        outcomes.push(r.outcomes[k]);
      });
    };
    await session.alignEpoch(0);
    await register([0, 1, 2, 3]); // fills the subnet in one block, the price ×1.26 after each
    await session.alignEpoch(1);
    await register([4]); // every UID immune (2 epochs): AllUidsImmune
    await session.alignEpoch(3);
    await register([5, 6]); // 5 cannot pay; 6 replaces the oldest zero-emission UID (0)

    const client = createPublicClient({ transport: http(session.rpcUrl) });
    const logs = await client.getLogs({ address: session.addresses.registry, fromBlock: 0n });
    for (const log of parseEventLogs({ abi: protocolAbis.registry, logs })) {
      if (log.eventName === "SubnetCreated") created = log.blockNumber;
      if (log.eventName === "Registered") {
        events.push({
          block: log.blockNumber,
          price: log.args.price,
          uid: log.args.uid,
          hotkey: log.args.hotkey,
        });
      }
    }
  }, 120_000);
  afterAll(() => session?.stop());

  it("each burn equals the curve at its block (decay with the half-life, ×1.26 per registration)", () => {
    expect(events.length).toBe(5);
    let last = toWei(0.1);
    let lastBlock = created;
    for (const e of events) {
      const expected = registrationPriceAt(CURVE, last, lastBlock, e.block);
      expect(e.price).toBe(expected);
      const agent = agents.find((a) => a.address.toLowerCase() === e.hotkey.toLowerCase());
      expect(burned.get(agent?.agent ?? "")).toBe(expected);
      last = priceAfterRegistration(CURVE, expected);
      lastBlock = e.block;
    }
    // Four in one block: each pays 1.26× the one before (floored in wei).
    const first = events.slice(0, 4).map((e) => e.price);
    expect(new Set(events.slice(0, 4).map((e) => e.block)).size).toBe(1);
    for (let k = 1; k < 4; k++) expect(first[k]).toBe((first[k - 1] * 12_600n) / 10_000n);
    // Two epochs later the price has decayed by more than a factor 2^2 from the last one.
    expect(events[4].price < priceAfterRegistration(CURVE, first[3]) / 4n).toBe(true);
  });

  it("records reverts instead of throwing: all UIDs immune, then a price the agent cannot pay", () => {
    expect(outcomes.map((o) => o.status)).toEqual([
      "success",
      "success",
      "success",
      "success",
      "reverted",
      "reverted",
      "success",
    ]);
    expect(outcomes[4].error).toBe("AllUidsImmune");
    expect(outcomes[5].error).toBe("ERC20InsufficientBalance");
    expect(burned.get("agent-4")).toBe(0n);
    expect(burned.get("agent-5")).toBe(0n);
  });

  it("a full subnet replaces the oldest of the zero-emission non-immune UIDs", async () => {
    const { hotkeys } = await session.readUids();
    expect(hotkeys.length).toBe(4);
    expect(hotkeys[0]).toBe(agents[6].address);
    expect(hotkeys.slice(1)).toEqual([agents[1].address, agents[2].address, agents[3].address]);
  });

  it("epochs start tempo blocks apart", async () => {
    const start = await session.alignEpoch(5);
    const again = await session.alignEpoch(6);
    expect(again - start).toBe(BigInt(TEMPO));
    expect(events[4].block - events[0].block).toBe(BigInt(3 * TEMPO));
  });
});
