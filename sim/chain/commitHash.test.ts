import { encodeAbiParameters, keccak256 } from "viem";
import { describe, expect, it } from "vitest";
import { commitHash } from "../protocol/crypto/commitHash.ts";
import { drawSalt } from "../protocol/drawSalt.ts";
import { packWeightRow } from "../protocol/weightRow.ts";
import { createRng } from "../rng/createRng.ts";
import { densifyRows } from "./readRevealedWeights.ts";

const hotkey = "0x00000000000000000000000000000000000000aa" as const;

describe("commitHash and drawSalt", () => {
  it("salts are 32 bytes and reproducible from the run's RNG", () => {
    const a = drawSalt(createRng(5).fork("salt"));
    expect(a).toMatch(/^0x[0-9a-f]{64}$/);
    expect(drawSalt(createRng(5).fork("salt"))).toBe(a);
    expect(drawSalt(createRng(6).fork("salt"))).not.toBe(a);
  });

  it("binds subnet, epoch, hotkey, uids, weights and salt", () => {
    const base = {
      netuid: 0,
      epoch: 3n,
      hotkey,
      uids: [1, 2],
      weights: [10, 20],
      salt: drawSalt(createRng(1)),
    } as const;
    const h = commitHash(base);
    expect(commitHash({ ...base, epoch: 3 })).toBe(h);
    for (const changed of [
      { ...base, netuid: 1 },
      { ...base, epoch: 4n },
      { ...base, hotkey: "0x00000000000000000000000000000000000000ab" as const },
      { ...base, uids: [1, 3] },
      { ...base, weights: [10, 21] },
      { ...base, salt: drawSalt(createRng(2)) },
      { ...base, uids: [2, 1], weights: [20, 10] },
      { ...base, uids: [1], weights: [10] },
      { ...base, uids: [1, 2, 3], weights: [10, 20, 0] },
    ]) {
      expect(commitHash(changed)).not.toBe(h);
    }
  });

  it("hashes abi.encode(netuid, epoch, hotkey, packed row, salt): 4 bytes per entry", () => {
    const salt = drawSalt(createRng(1));
    const row = packWeightRow([1, 258], [10, 65535]);
    expect(row).toBe("0x0001000a0102ffff");
    const expected = keccak256(
      encodeAbiParameters(
        [{ type: "uint16" }, { type: "uint64" }, { type: "address" }, { type: "bytes" }, { type: "bytes32" }],
        [2, 7n, hotkey, row, salt],
      ),
    );
    expect(commitHash({ netuid: 2, epoch: 7, hotkey, uids: [1, 258], weights: [10, 65535], salt })).toBe(
      expected,
    );
  });

  it("densifies sparse latest rows into an n×n u16 matrix, dropping rows not kept", () => {
    const m = densifyRows([1n, 0n, 1n], [8n, 0n, 9n], [[2], [], [0, 1]], [[65535], [], [5, 6]]);
    expect([...m.weights]).toEqual([0, 0, 65535, 0, 0, 0, 5, 6, 0]);
    expect(m.revealed).toEqual([true, false, true]);
    expect(m.revealedAt).toEqual([8n, 0n, 9n]);
    expect([...m.rows[2]]).toEqual([5, 6, 0]);
    const kept = densifyRows(
      [1n, 0n, 2n],
      [8n, 0n, 9n],
      [[2], [], [0, 1]],
      [[65535], [], [5, 6]],
      (u) => u !== 2,
    );
    expect(kept.revealed).toEqual([true, false, false]);
    expect([...kept.rows[2]]).toEqual([0, 0, 0]);
  });
});
