import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { type EpochContext, initialEpochState, runEpoch } from "../sim/engine/runEpoch.ts";
import type { CrucibleError } from "../sim/errors/CrucibleError.ts";
import { checkMechanismOutput } from "../sim/mechanisms/checkMechanismOutput.ts";
import { loadMechanism } from "../sim/mechanisms/loadMechanism.ts";
import type { Mechanism, MechanismInput, MechanismOutput } from "../sim/mechanisms/mechanism.ts";
import { prepareRun } from "../sim/prepareRun.ts";
import { emissionSplitBps } from "../sim/protocol/emissionSplitBps.ts";
import { startMemorySession } from "../sim/protocol/memory/startMemorySession.ts";
import { toWei } from "../sim/protocol/tokenUnits.ts";
import { createRng } from "../sim/rng/createRng.ts";
import { createTask } from "../sim/tasks/createTask.ts";
import { registerPopulation } from "./fixtures/registerPopulation.ts";

/**
 * Finding 12 (issue 17): a mechanism's outputs were checked element by element only, so a user
 * mechanism answering Number.MAX_VALUE for every UID summed to Infinity, every share became 0 and
 * the run "completed" paying nothing; values past 2^128 / 1e18 crashed the contract path in the
 * share packing. Each planted mechanism below is wrong as a whole vector, not per element, and the
 * engine must refuse it with CRUCIBLE_MECHANISM_INVALID naming the mechanism, the field and the
 * first offending index and value.
 */
const N = 4;
const zeros = () => new Float64Array(N);
const fill = (x: number) => new Float64Array(N).fill(x);
const good = (): MechanismOutput => ({
  incentive: Float64Array.from([0, 0, 0.6, 0.4]),
  dividends: Float64Array.from([0.75, 0.25, 0, 0]),
  consensus: Float64Array.from([0, 0, 0.6, 0.4]),
  validatorTrust: Float64Array.from([1, 1, 0, 0]),
});
const input = (n = N): MechanismInput => ({
  n,
  stake: new Float64Array(n).fill(1),
  weights: new Float64Array(n * n),
  lastUpdate: new Float64Array(n),
  registeredAt: new Float64Array(n),
  block: 1,
});
const errorOf = (f: () => unknown): CrucibleError => {
  try {
    f();
  } catch (error) {
    return error as CrucibleError;
  }
  throw new Error("expected an error");
};

/** The plants: what each bad output is, and the message the check must give. */
const PLANTS: { name: string; output: () => unknown; message: string }[] = [
  {
    name: "every incentive Number.MAX_VALUE (each finite, the sum Infinity)",
    output: () => ({ ...good(), incentive: fill(Number.MAX_VALUE) }),
    message: "output.incentive[0]: 1.7976931348623157e+308 is not a share in [0, 1]",
  },
  {
    name: "every consensus Number.MAX_VALUE (not a share, but its sum must be finite)",
    output: () => ({ ...good(), consensus: fill(Number.MAX_VALUE) }),
    message: "output.consensus: the entries sum to Infinity",
  },
  {
    name: "dividends of 1e30 (finite, past what the contract path can pack)",
    output: () => ({ ...good(), dividends: fill(1e30) }),
    message: "output.dividends[0]: 1e+30 is not a share in [0, 1]",
  },
  {
    name: "incentive shares summing to 2",
    output: () => ({ ...good(), incentive: fill(0.5) }),
    message: "output.incentive: shares sum to 2, expected 1 (or 0 when nothing is ranked)",
  },
  {
    name: "dividends summing to 0.5",
    output: () => ({ ...good(), dividends: Float64Array.from([0.25, 0.25, 0, 0]) }),
    message: "output.dividends: shares sum to 0.5, expected 1 (or 0 when nothing is ranked)",
  },
  {
    name: "a NaN validator trust",
    output: () => ({ ...good(), validatorTrust: Float64Array.from([1, Number.NaN, 0, 0]) }),
    message: "output.validatorTrust[1]: NaN is not a finite non-negative number",
  },
  {
    name: "a negative incentive balanced to sum 1",
    output: () => ({ ...good(), incentive: Float64Array.from([-0.5, 0.5, 0.5, 0.5]) }),
    message: "output.incentive[0]: -0.5 is not a finite non-negative number",
  },
  {
    name: "one entry short",
    output: () => ({ ...good(), dividends: Float64Array.from([1, 0, 0]) }),
    message: "output.dividends: expected 4 entries (one per UID), got 3",
  },
  {
    name: "a plain array",
    output: () => ({ ...good(), consensus: [0, 0, 1, 0] }),
    message: "output.consensus: expected a Float64Array of 4 numbers, got Array",
  },
  {
    name: "emissionShare server + validator summing to 2",
    output: () => ({ ...good(), emissionShare: { server: fill(0.25), validator: fill(0.25) } }),
    message: "output.emissionShare (server + validator): shares sum to 2, expected 1",
  },
];

describe("mechanism outputs checked as whole vectors", () => {
  it("accepts well-formed outputs, all-zero shares (nothing ranked) and float rounding", () => {
    expect(() => checkMechanismOutput(good(), N, "m")).not.toThrow();
    const none = { incentive: zeros(), dividends: zeros(), consensus: zeros(), validatorTrust: zeros() };
    expect(() => checkMechanismOutput(none, N, "m")).not.toThrow();
    const thirds = { ...good(), incentive: Float64Array.from([1 / 3, 1 / 3, 1 / 3, 0]) };
    expect(() => checkMechanismOutput(thirds, N, "m")).not.toThrow();
  });

  for (const plant of PLANTS) {
    it(`refuses ${plant.name}`, () => {
      const e = errorOf(() => checkMechanismOutput(plant.output(), N, "mechanism planted"));
      expect(e.code).toBe("CRUCIBLE_MECHANISM_INVALID");
      expect(e.message.startsWith(`mechanism planted: ${plant.message}`)).toBe(true);
    });
  }

  it("checks a user module's every epoch, naming the scenario file and the module", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-mech-out-"));
    await writeFile(
      join(dir, "maxValue.mjs"),
      "export default { name: 'max', initialState: () => 0, epoch: (i) => ({ output: { incentive: new Float64Array(i.n).fill(Number.MAX_VALUE), dividends: new Float64Array(i.n), consensus: new Float64Array(i.n), validatorTrust: new Float64Array(i.n) }, state: 0 }) };\n",
    );
    const m = await loadMechanism({ module: "./maxValue.mjs" }, { baseDir: dir, file: "s.yaml" });
    const e = errorOf(() => m.epoch(input(), m.initialState(N)));
    expect(e.code).toBe("CRUCIBLE_MECHANISM_INVALID");
    expect(e.message).toBe(
      "s.yaml: mechanism.module (./maxValue.mjs): output.incentive[0]: 1.7976931348623157e+308 is not a share in [0, 1]",
    );
  });

  /**
   * Where the outputs enter the engine: runEpoch on the in-memory protocol (quickstart's population,
   * seeded answers instead of tfjs) with a planted mechanism that is not wrapped by loadMechanism,
   * on both payment paths. Before the check, the direct path paid nothing and went on; the contract
   * path failed in the share packing.
   */
  for (const emissionPath of ["direct", "contract"] as const) {
    it(`stops the epoch on the ${emissionPath} path before paying by a planted mechanism`, async () => {
      const { scenario, population } = await prepareRun({
        scenarioPath: join(import.meta.dirname, "..", "scenarios", "quickstart.yaml"),
        epochs: 1,
      });
      const rng = createRng(scenario.seed);
      const task = await createTask(scenario.task.kind, rng);
      const answers = createRng(7);
      const emission = toWei(1000);
      const split = { miners: 0.41, validators: 0.59 };
      const stakeOf = (uid: number) =>
        uid < population.validators.length ? toWei(population.validators[uid].stake) : 0n;
      const session = await startMemorySession({
        seed: scenario.seed,
        agents: population.n,
        emissionPerEpoch: emission,
        genesis: Array.from({ length: population.n }, (_, uid) => stakeOf(uid)),
        subnet: { ...emissionSplitBps(split), revealDelayEpochs: 0 },
      });
      await registerPopulation(session, population, stakeOf);
      const planted: Mechanism<undefined> = {
        name: "planted-max-value",
        initialState: () => undefined,
        epoch: ({ n }) => ({
          output: {
            incentive: new Float64Array(n).fill(Number.MAX_VALUE),
            dividends: new Float64Array(n).fill(1e30),
            consensus: new Float64Array(n),
            validatorTrust: new Float64Array(n),
          },
          state: undefined,
        }),
      };
      const ctx: EpochContext = {
        population,
        session,
        task,
        infer: (_q, nQueries) =>
          Float32Array.from({ length: population.miners.length * nQueries * task.outputs }, () =>
            answers.float(),
          ),
        addressOf: session.agentAddresses,
        mechanism: planted,
        emissionWei: emission,
        split,
        emissionPath,
        rng: rng.fork("epochs"),
        now: () => performance.now(),
      };
      const supply = await session.readTotalSupply();
      await expect(runEpoch(ctx, 0, initialEpochState(population, undefined))).rejects.toMatchObject({
        code: "CRUCIBLE_MECHANISM_INVALID",
        message:
          "mechanism planted-max-value: output.incentive[0]: 1.7976931348623157e+308 is not a share in [0, 1]",
      });
      expect(await session.readTotalSupply()).toBe(supply); // nothing minted
      await session.stop();
    });
  }
});
