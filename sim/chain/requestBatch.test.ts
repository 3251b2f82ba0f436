import { describe, expect, it } from "vitest";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { type RpcRequest, splitBatches } from "./requestBatch.ts";

const req = (hexChars: number): RpcRequest => ({
  method: "eth_sendRawTransaction",
  params: [`0x${"a".repeat(hexChars)}`],
});

describe("splitBatches", () => {
  it("keeps input order and cuts by request count and by body bytes", () => {
    const requests = Array.from({ length: 10 }, () => req(100));
    const byCount = splitBatches(requests, 4, 1_000_000);
    expect(byCount.map((b) => [b.start, b.count])).toEqual([
      [0, 4],
      [4, 4],
      [8, 2],
    ]);
    const one = Buffer.byteLength(byCount[0].text) / 4; // about one request's bytes
    const byBytes = splitBatches(requests, 1000, Math.floor(one * 3));
    expect(byBytes.every((b) => Buffer.byteLength(b.text) <= Math.floor(one * 3))).toBe(true);
    expect(byBytes.map((b) => b.count)).toEqual([2, 2, 2, 2, 2]);
    for (const b of byBytes) {
      const parsed = JSON.parse(b.text) as { id: number; params: string[] }[];
      expect(parsed.map((p) => p.id)).toEqual(parsed.map((_, i) => i));
    }
  });

  it("sends a request over the batch budget alone, and refuses one over the request limit", () => {
    const bodies = splitBatches([req(10), req(5_000), req(10)], 1000, 2_000, 10_000);
    expect(bodies.map((b) => b.count)).toEqual([1, 1, 1]);
    let error: unknown;
    try {
      splitBatches([req(10), req(20_000)], 1000, 2_000, 10_000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CrucibleError);
    expect((error as Error).message).toMatch(
      /request 1 \(eth_sendRawTransaction\) is \d+ bytes, over the 10000-byte/,
    );
  });
});
