import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CrucibleError } from "../sim/errors/CrucibleError.ts";
import { createMechanism } from "../sim/mechanisms/createMechanism.ts";
import { loadMechanism } from "../sim/mechanisms/loadMechanism.ts";
import type { Mechanism, MechanismInput } from "../sim/mechanisms/mechanism.ts";

const M = 65535;
/** V0 (stake 6) weights M2, V1 (stake 4) weights M3: M3 lacks a majority. */
const input = (block: number): MechanismInput => ({
  n: 4,
  stake: Float64Array.from([6, 4, 0, 0]),
  weights: Float64Array.from([0, 0, M, 0, 0, 0, 0, M, 0, 0, 0, 0, 0, 0, 0, 0]),
  lastUpdate: new Float64Array(4).fill(block),
  registeredAt: new Float64Array(4),
  block,
});
const secondEpoch = (m: Mechanism<unknown>) => {
  const first = m.epoch(input(1), m.initialState(4));
  return m.epoch(input(2), first.state).output;
};
const message = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    expect((error as CrucibleError).code).toBe("CRUCIBLE_MECHANISM_INVALID");
    return (error as Error).message;
  }
  throw new Error("expected an error");
};

describe("mechanism registry", () => {
  it("builds each built-in by name; the variants differ where they should", () => {
    const yuma = secondEpoch(createMechanism("yuma", { yuma3: true, tempo: 1 }));
    expect(Array.from(yuma.incentive)).toEqual([0, 0, 1, 0]);
    const noClip = secondEpoch(createMechanism("yuma-no-clip", { tempo: 1 }));
    expect(noClip.incentive[3]).toBeCloseTo(0.4, 12);
    const noBonds = secondEpoch(createMechanism("yuma-no-bonds", { tempo: 1 }));
    expect(Array.from(noBonds.dividends)).toEqual([1, 0, 0, 0]);
    const swm = secondEpoch(createMechanism("stake-weighted-mean"));
    expect(Array.from(swm.incentive)).toEqual([0, 0, 0.6, 0.4]);
    // Allora without measured losses: each reputer rates only its own pick, so consensus losses are
    // M2: 0.4, M3: 0.6 → the lower-loss worker earns more.
    const allora = secondEpoch(createMechanism("allora-regret", { pNorm: 3 }));
    expect(allora.incentive[2]).toBeGreaterThan(allora.incentive[3]);
    expect(allora.consensus[2]).toBeCloseTo(0.6, 12);
  });

  it("names the field of a bad name or parameter", () => {
    expect(message(() => createMechanism("yumma"))).toMatch(
      /^mechanism\.name: unknown mechanism "yumma", expected one of yuma\|/,
    );
    expect(message(() => createMechanism("yuma", { kappa: 2 }, { file: "s.yaml" }))).toMatch(
      /^s\.yaml: mechanism\.params\.kappa: Too big/,
    );
    expect(message(() => createMechanism("yuma", { kapa: 0.5 }))).toBe(
      "mechanism.params.kapa: unknown field",
    );
    expect(message(() => createMechanism("stake-weighted-mean", { kappa: 0.5 }))).toMatch(
      /takes no parameters/,
    );
  });

  it("loads a user module (runs it as code) and checks its outputs", async () => {
    const wta = await loadMechanism(
      { module: "./winnerTakesAll.ts", params: { share: 0.8 } },
      { baseDir: "sim/mechanisms/examples" },
    );
    expect(wta.name).toBe("winner-takes-all");
    const out = secondEpoch(wta);
    expect(out.incentive[2]).toBeCloseTo(0.8 + 0.2 * 0.6, 12);
    expect(out.incentive[3]).toBeCloseTo(0.2 * 0.4, 12);

    const dir = await mkdtemp(join(tmpdir(), "crucible-mech-"));
    await writeFile(join(dir, "notAMechanism.mjs"), "export default { hello: 1 };\n");
    await writeFile(
      join(dir, "badOutput.mjs"),
      "export default { name: 'bad', initialState: () => 0, epoch: (i) => ({ output: { incentive: new Float64Array(i.n).fill(-1), dividends: new Float64Array(i.n), consensus: new Float64Array(i.n), validatorTrust: new Float64Array(i.n) }, state: 0 }) };\n",
    );
    await expect(loadMechanism({ module: "./missing.ts" }, { baseDir: dir, file: "s.yaml" })).rejects.toThrow(
      /^s\.yaml: mechanism\.module: cannot load \.\/missing\.ts/,
    );
    await expect(loadMechanism({ module: "./notAMechanism.mjs" }, { baseDir: dir })).rejects.toThrow(
      /mechanism\.module: expected \.\/notAMechanism\.mjs to export/,
    );
    const bad = await loadMechanism({ module: "./badOutput.mjs" }, { baseDir: dir });
    expect(message(() => bad.epoch(input(1), bad.initialState(4)))).toBe(
      "mechanism.module (./badOutput.mjs): output.incentive[0]: -1 is not a finite non-negative number",
    );
  });
});
