import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CrucibleError } from "../sim/errors/CrucibleError.ts";
import { mechanismCommand } from "../sim/mechanisms/case/mechanismCommand.ts";
import { runMechanismCase } from "../sim/mechanisms/case/runMechanismCase.ts";

const EXAMPLE = "sim/mechanisms/examples/yuma3-basic.json";
const M = 65535;

const invalid = (caseObject: unknown): string => {
  try {
    runMechanismCase(caseObject, { file: "bad.json" });
  } catch (error) {
    expect(error).toBeInstanceOf(CrucibleError);
    expect((error as CrucibleError).code).toBe("CRUCIBLE_MECHANISM_INVALID");
    return (error as CrucibleError).message;
  }
  throw new Error("expected the case to be rejected");
};

describe("crucible mechanism: case runner", () => {
  it("runs the issue's example and prints the documented JSON shape", async () => {
    const out = JSON.parse(await mechanismCommand(EXAMPLE));
    expect(out.epochs).toHaveLength(3);
    const [first, second, third] = out.epochs;
    expect(Object.keys(second)).toEqual([
      "consensus",
      "incentive",
      "dividends",
      "validatorTrust",
      "bonds",
      "emission",
      "validatorPermit",
      "active",
    ]);
    // Epoch at block 1: no permits yet, nothing ranked, E paid to validators ∝ stake.
    expect(first.emission).toEqual(["800000000", "100000000", "100000000", "0", "0"]);
    expect(first.validatorPermit).toEqual([true, true, true, false, false]);
    // Block 2: V0 (0.8) and V1 (0.1) weight M3; V2 set nothing. C3 = 1, bonds = A ≈ 0.1 + 0.2/(1+e^5).
    expect(second.consensus).toEqual([0, 0, 0, 1, 0]);
    const bond = Math.floor((0.1 + 0.2 / (1 + Math.exp(5))) * M); // 6641
    expect(second.bonds[0][3]).toBe(bond);
    expect(second.bonds[1][3]).toBe(bond);
    expect(second.dividends[0]).toBeCloseTo(8 / 9, 12);
    expect(second.emission[3]).toBe("500000000");
    // Block 3: weights persist; bonds to M3 were reset before the epoch, so they restart at A.
    expect(third.consensus).toEqual([0, 0, 0, 1, 0]);
    expect(third.bonds[0][3]).toBe(bond);
    for (const e of out.epochs) expect(e.emission.every((x: string) => /^\d+$/.test(x))).toBe(true);
  });

  it("keeps weights until replaced and stores them max-upscaled like set_weights", () => {
    const out = runMechanismCase({
      hyperparameters: { minAllowedWeights: 0, tempo: 1 },
      stake: [1, 0, 0],
      epochs: [{ block: 1 }, { block: 2, setWeights: { 0: { 1: 100, 2: 300 } } }, { block: 3 }],
    });
    // Stored row: [0, round(100 · 65535/300), 65535] = [0, 21845, 65535] → W = [0, 0.25, 0.75].
    expect(out.epochs[1].incentive[1]).toBeCloseTo(21845 / (21845 + 65535), 12);
    expect(out.epochs[2].incentive).toEqual(out.epochs[1].incentive);
  });

  it("rejects bad cases naming the file, the field path and what was expected", () => {
    const ok = { stake: [1, 1, 0], hyperparameters: { minAllowedWeights: 0 }, epochs: [{ block: 1 }] };
    expect(invalid({ ...ok, stake: [1, -2, 0] })).toBe("bad.json: stake[1]: expected a non-negative stake");
    expect(invalid({ ...ok, epochs: [{ block: 1, setWeights: { 0: [1, 2] } }] })).toBe(
      "bad.json: epochs[0].setWeights.0: expected 3 weights (one per UID), got 2",
    );
    expect(invalid({ ...ok, epochs: [{ block: 1, setWeights: { 0: { 7: 1 } } }] })).toBe(
      "bad.json: epochs[0].setWeights.0.7: expected a UID from 0 to 2",
    );
    expect(invalid({ ...ok, epochs: [{ block: 1, setWeights: { 5: { 1: 1 } } }] })).toBe(
      "bad.json: epochs[0].setWeights.5: expected a UID from 0 to 2",
    );
    expect(invalid({ ...ok, epochs: [{ block: 1, setWeights: { 0: { 1: 70000 } } }] })).toMatch(
      /^bad\.json: epochs\[0\]\.setWeights\.0\.1: Too big: expected number to be <=65535/,
    );
    expect(invalid({ ...ok, extra: 1 })).toBe("bad.json: extra: unknown field");
    expect(invalid({ ...ok, hyperparameters: { kapa: 0.5 } })).toBe(
      "bad.json: hyperparameters.kapa: unknown field",
    );
    expect(invalid({ ...ok, registeredAtBlock: [0] })).toBe(
      "bad.json: registeredAtBlock: expected 3 entries (one per UID, as in stake), got 1",
    );
    expect(invalid({ ...ok, epochs: [{ block: 2 }, { block: 2 }] })).toBe(
      "bad.json: epochs[1].block: expected a block after the previous epoch's (2)",
    );
    expect(invalid({ stake: [1, 1, 0], epochs: [{ block: 1, setWeights: { 0: { 1: 1 } } }] })).toMatch(
      /^bad\.json: epochs\[0\]\.setWeights\.0: expected at least 3 weights \(minAllowedWeights/,
    );
    expect(invalid({ epochs: [{ block: 1 }] })).toMatch(/^bad\.json: stake: /);
  });

  it("reports unreadable files and invalid JSON as mechanism errors", async () => {
    await expect(mechanismCommand("no/such/case.json")).rejects.toThrow(
      "no/such/case.json: cannot read the case file",
    );
    const dir = await mkdtemp(join(tmpdir(), "crucible-case-"));
    const file = join(dir, "broken.json");
    await writeFile(file, "{ not json");
    await expect(mechanismCommand(file)).rejects.toThrow(`${file}: invalid JSON`);
  });

  it("runs the comparison mechanisms on the same case", () => {
    const base = {
      hyperparameters: { minAllowedWeights: 0, tempo: 1 },
      stake: [6, 4, 0, 0],
      epochs: [{ block: 1 }, { block: 2, setWeights: { 0: { 2: M }, 1: { 3: M } } }],
    };
    // Yuma: M3 has 40% < κ → clipped; V1 earns nothing. Without clipping M3 keeps its 40%.
    const yuma = runMechanismCase(base).epochs[1];
    expect(yuma.incentive).toEqual([0, 0, 1, 0]);
    expect(yuma.dividends[1]).toBe(0);
    const noClip = runMechanismCase({ ...base, mechanism: "yuma-no-clip" }).epochs[1];
    expect(noClip.incentive[3]).toBeCloseTo(0.4, 12);
    expect(noClip.dividends[1]).toBeCloseTo(0.4, 12);
    // No bonds: dividends ∝ S^a · validator trust = [0.6 · 1, 0.4 · 0].
    const noBonds = runMechanismCase({ ...base, mechanism: "yuma-no-bonds" }).epochs[1];
    expect(noBonds.dividends).toEqual([1, 0, 0, 0]);
    expect(noBonds.bonds.flat().every((b) => b === 0)).toBe(true);
    const swm = runMechanismCase({ ...base, mechanism: "stake-weighted-mean" }).epochs[1];
    expect(swm.incentive).toEqual([0, 0, 0.6, 0.4]);
  });
});
