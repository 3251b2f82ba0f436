import { execFile } from "node:child_process";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { CrucibleError } from "../sim/errors/CrucibleError.ts";
import { PROTOCOL_BACKENDS, runScenario } from "../sim/runScenario.ts";

const run = promisify(execFile);
const CLI = join(import.meta.dirname, "..", "bin", "crucible.mjs");

const valid = `name: bad-input
epochs: 2
population:
  miners: [{ tier: expert, count: 2 }]
  validators: [{ count: 1, stake: 10 }]
`;

/** Runs `crucible run` on a scenario text; returns exit code, stderr and what the out folder holds. */
async function runCli(text: string | null, extra: string[] = []) {
  const dir = await mkdtemp(join(tmpdir(), "crucible-bad-"));
  const file = join(dir, "scenario.yaml");
  if (text !== null) await writeFile(file, text);
  const out = join(dir, "runs");
  try {
    await run(process.execPath, [CLI, "run", file, "--out", out, ...extra], { timeout: 60_000 });
    throw new Error("expected a non-zero exit");
  } catch (e) {
    const err = e as { code?: number; stderr?: string };
    const runs = await readdir(out).catch(() => []);
    return { code: err.code, stderr: err.stderr ?? "", file, runs };
  }
}

describe("crucible run with bad input", () => {
  const cases: [string, string | null, RegExp, string[]?][] = [
    ["an unknown field", `${valid}chain: { emision: 5 }\n`, /scenario\.yaml: chain\.emision: unknown field/],
    [
      "a wrong type",
      valid.replace("stake: 10", "stake: lots"),
      /population\.validators\[0\]\.stake: expected number, received string/,
    ],
    ["a negative count", valid.replace("count: 2", "count: -1"), /population\.miners\[0\]\.count: Too small/],
    ["a missing file", null, /scenario\.yaml: cannot read scenario file/],
    [
      "an unknown strategy",
      valid.replace("count: 2 }", "count: 2, strategy: sneaky }"),
      /population\.miners\[0\]\.strategy: unknown strategy "sneaky"/,
    ],
    [
      "an unknown mechanism",
      `${valid}mechanism: { name: magic }\n`,
      /mechanism\.name: unknown mechanism "magic"/,
    ],
    ["a non-numeric --seed", valid, /scenario\.yaml: seed: expected number, received NaN/, ["--seed", "abc"]],
    [
      "a --set value out of bounds",
      valid,
      /scenario\.yaml: emissionSplit\.miners: .*\(from --set emissionSplit\.miners\)/,
      ["--set", "emissionSplit.miners=2"],
    ],
    [
      "a 10^12 population (more memory than the machine has), even with fewer UIDs",
      valid
        .replace("count: 2", "count: 1000000000000")
        .replace("population:", "protocol: { maxUids: 1000 }\npopulation:"),
      /population\.miners\[0\]\.count: the population needs about .* GiB of memory, more than this machine allows a run/,
    ],
    [
      "a bad seed in the file under --seed",
      valid.replace("population:", "seed: abc\npopulation:"),
      /seed: expected number, received string \(in the file, although an override replaces seed\)/,
      ["--seed", "7"],
    ],
    [
      "negative epochs in the file under --epochs",
      valid.replace("epochs: 2", "epochs: -20"),
      /epochs: Too small.*\(in the file, although an override replaces epochs\)/,
      ["--epochs", "2"],
    ],
    [
      "a --set of an unknown field",
      valid,
      /scenario\.yaml: emissionSplit\.minerz: unknown field/,
      ["--set", "emissionSplit.minerz=0.5"],
    ],
  ];
  for (const [what, text, message, extra] of cases) {
    it(`rejects ${what} with one clear message, exit 1, and no run folder`, async () => {
      const r = await runCli(text, extra);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: /);
      expect(r.stderr).toContain(r.file);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace for bad input
      expect(r.runs).toEqual([]);
    });
  }
});

/** Runs `runScenario` (the CLI's path) with one bad value; returns the error's details with the file
 * as <file>, after checking that it is bad input and that no protocol started and nothing was written. */
async function rejectedBound(overrides: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "crucible-bound-"));
  const file = join(dir, "scenario.yaml");
  await writeFile(file, valid);
  const startAnvil = vi.spyOn(PROTOCOL_BACKENDS, "anvil");
  const startMemory = vi.spyOn(PROTOCOL_BACKENDS, "memory");
  try {
    const error = await runScenario({ scenarioPath: file, outDir: join(dir, "runs"), overrides }).then(
      () => new Error("expected the scenario to be rejected"),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CrucibleError);
    expect((error as CrucibleError).code).toBe("CRUCIBLE_SCENARIO_INVALID");
    expect(startAnvil).not.toHaveBeenCalled();
    expect(startMemory).not.toHaveBeenCalled();
    expect(await readdir(dir)).toEqual(["scenario.yaml"]);
    return ((error as CrucibleError).details ?? "").replaceAll(file, "<file>");
  } finally {
    startAnvil.mockRestore();
    startMemory.mockRestore();
  }
}

describe("every bound the contracts enforce is bad input, named before anything starts", () => {
  it("rejects protocol.tempo above the engine's 100,000 (SubnetParams.tempo is a u32)", async () => {
    expect(await rejectedBound({ protocol: { tempo: 100_001 } })).toMatchInlineSnapshot(
      `"<file>: protocol.tempo: at most 100000 blocks per epoch (the engine's bound; SubnetParams.tempo is a u32)"`,
    );
  });
  it("rejects protocol.maxUids 0 (createSubnet: InvalidParams maxUids)", async () => {
    expect(await rejectedBound({ protocol: { maxUids: 0 } })).toMatchInlineSnapshot(
      `"<file>: protocol.maxUids: at least 1 (SubnetRegistry.createSubnet rejects 0)"`,
    );
  });
  it("rejects protocol.maxUids above u16", async () => {
    expect(await rejectedBound({ protocol: { maxUids: 65_536 } })).toMatchInlineSnapshot(
      `"<file>: protocol.maxUids: at most 65535 (UIDs are u16)"`,
    );
  });
  it("rejects maxUids: population with more agents than u16 UIDs", async () => {
    expect(
      await rejectedBound({ population: { miners: [{ tier: "expert", count: 65_535 }] } }),
    ).toMatchInlineSnapshot(
      `"<file>: protocol.maxUids: population: gives each of the 65536 agents a UID, but UIDs are u16 (at most 65535); set protocol.maxUids to at most 65535"`,
    );
  });
  it("rejects protocol.maxValidators 0 (createSubnet: InvalidParams maxValidators)", async () => {
    expect(await rejectedBound({ protocol: { maxValidators: 0 } })).toMatchInlineSnapshot(
      `"<file>: protocol.maxValidators: at least 1 (SubnetRegistry.createSubnet rejects 0)"`,
    );
  });
  it("rejects protocol.revealDelayEpochs above 100 (createSubnet: InvalidParams revealDelayEpochs)", async () => {
    expect(await rejectedBound({ protocol: { revealDelayEpochs: 101 } })).toMatchInlineSnapshot(
      `"<file>: protocol.revealDelayEpochs: at most 100 (SubnetRegistry.createSubnet's bound)"`,
    );
  });
  it("rejects an emission split that does not sum to 1 (createSubnet: InvalidParams split)", async () => {
    expect(await rejectedBound({ emissionSplit: { miners: 0.5, validators: 0.6 } })).toMatchInlineSnapshot(
      `"<file>: emissionSplit: owner + miners + validators must equal 1 (SubnetRegistry.createSubnet: split, in basis points summing to 10000)"`,
    );
  });
  it("rejects an owner's cut that is not whole basis points", async () => {
    expect(
      await rejectedBound({ emissionSplit: { owner: 0.00005, miners: 0.49995, validators: 0.5 } }),
    ).toMatchInlineSnapshot(
      `"<file>: emissionSplit.owner: 0.00005 is not a whole number of basis points (0.0001): the owner's cut is paid in basis points"`,
    );
  });
  it("rejects a split that is not whole basis points on the contract path", async () => {
    expect(
      await rejectedBound({
        chain: { emissionPath: "contract" },
        emissionSplit: { miners: 0.33335, validators: 0.66665 },
      }),
    ).toMatchInlineSnapshot(`
      "<file>: emissionSplit.miners: 0.33335 is not a whole number of basis points (0.0001): chain.emissionPath: contract pays the subnet's split, in basis points
      <file>: emissionSplit.validators: 0.66665 is not a whole number of basis points (0.0001): chain.emissionPath: contract pays the subnet's split, in basis points"
    `);
  });
  it("rejects slashing.share 1 (createSubnet: InvalidParams slashBps, below 10,000)", async () => {
    expect(await rejectedBound({ slashing: { share: 1 } })).toMatchInlineSnapshot(
      `"<file>: slashing.share: below 1: at most 0.9999 (SubnetRegistry.createSubnet: slashBps below 10000)"`,
    );
  });
  it("rejects minBurn above maxBurn (createSubnet: InvalidParams burn bounds)", async () => {
    expect(
      await rejectedBound({ protocol: { registration: { minBurn: 2, maxBurn: 1, initialBurn: 1 } } }),
    ).toMatchInlineSnapshot(
      `"<file>: protocol.registration.minBurn: minBurn must not exceed maxBurn (SubnetRegistry.createSubnet: burn bounds)"`,
    );
  });
  it("rejects initialBurn outside [minBurn, maxBurn] (createSubnet: InvalidParams burn bounds)", async () => {
    expect(await rejectedBound({ protocol: { registration: { initialBurn: 101 } } })).toMatchInlineSnapshot(
      `"<file>: protocol.registration.initialBurn: initialBurn must lie within [minBurn, maxBurn] (SubnetRegistry.createSubnet: burn bounds)"`,
    );
  });
  it("rejects a registration price above u128 wei", async () => {
    expect(
      await rejectedBound({ protocol: { registration: { maxBurn: 1e21, funds: 1 } } }),
    ).toMatchInlineSnapshot(
      `"<file>: protocol.registration.maxBurn: too large: the contracts hold it as a uint128 of wei, at most ≈ 3.403e+20 tokens"`,
    );
  });
  it("rejects registration.increase above u32 basis points", async () => {
    expect(await rejectedBound({ protocol: { registration: { increase: 500_000 } } })).toMatchInlineSnapshot(
      `"<file>: protocol.registration.increase: at most 400000 (SubnetParams.burnIncreaseBps, increase × 10000, is a u32)"`,
    );
  });
  it("rejects immunityEpochs past u64 blocks", async () => {
    expect(await rejectedBound({ protocol: { immunityEpochs: 1e18 } })).toMatchInlineSnapshot(
      `"<file>: protocol.immunityEpochs: 1.000e+18 epochs × tempo 20 = 2.000e+19 blocks, more than the contracts' u64 holds (below 2^64 ≈ 1.845e+19)"`,
    );
  });
  it("rejects halfLifeEpochs past u64 blocks", async () => {
    expect(
      await rejectedBound({ protocol: { registration: { halfLifeEpochs: 1e18 } } }),
    ).toMatchInlineSnapshot(
      `"<file>: protocol.registration.halfLifeEpochs: 1.000e+18 epochs × tempo 20 = 2.000e+19 blocks, more than the contracts' u64 holds (below 2^64 ≈ 1.845e+19)"`,
    );
  });
  it("rejects unstakeCooldownEpochs past u64 blocks", async () => {
    expect(await rejectedBound({ protocol: { unstakeCooldownEpochs: 1e18 } })).toMatchInlineSnapshot(
      `"<file>: protocol.unstakeCooldownEpochs: 1.000e+18 epochs × tempo 20 = 2.000e+19 blocks, more than the contracts' u64 holds (below 2^64 ≈ 1.845e+19)"`,
    );
  });
  it("rejects validatorTake above 1 (Staking: take at most maxTakeBps 10,000)", async () => {
    expect(await rejectedBound({ protocol: { validatorTake: 1.5 } })).toMatchInlineSnapshot(
      `"<file>: protocol.validatorTake: at most 1 (Staking takes at most 10000 basis points)"`,
    );
  });
  it("rejects chain.emissionPerEpoch above u128 wei", async () => {
    expect(await rejectedBound({ chain: { emissionPerEpoch: 1e21 } })).toMatchInlineSnapshot(
      `"<file>: chain.emissionPerEpoch: too large: the contracts hold it as a uint128 of wei, at most ≈ 3.403e+20 tokens"`,
    );
  });
  it("rejects protocol.supplyCap above u256 wei", async () => {
    expect(await rejectedBound({ protocol: { supplyCap: 1e60 } })).toMatchInlineSnapshot(
      `"<file>: protocol.supplyCap: too large: the contracts hold it as a uint256 of wei, at most ≈ 1.158e+59 tokens"`,
    );
  });
  it("rejects a genesis above the supply cap (CrucibleToken: CapExceeded)", async () => {
    expect(await rejectedBound({ protocol: { supplyCap: 100 } })).toMatchInlineSnapshot(
      `"<file>: protocol.supplyCap: genesis mints 310 tokens (the registration funds and stake of 3 agents, the balance of 0 users), more than the supply cap 100"`,
    );
  });
  it("rejects a task fee below 1 wei (TaskMarket: ZeroFee)", async () => {
    expect(await rejectedBound({ market: { users: 1, feePerEpoch: 1e-19 } })).toMatchInlineSnapshot(
      `"<file>: market.feePerEpoch: too small: at least 1 wei (1e-18 tokens), TaskMarket rejects a zero fee"`,
    );
  });
});

describe("the CLI's error block: message, details, cause chain, code", () => {
  const normalize = (text: string, dir: string) =>
    text
      .replaceAll(dir, "<dir>")
      .replace(/\d{8}T\d{6}Z/g, "<stamp>")
      .trimEnd();

  it("prints each cause of a mechanism module's failure, then the code, exit 1, no run folder", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-cause-"));
    await writeFile(
      join(dir, "throwing.mjs"),
      `export default (params) => {
  throw new Error("kappa must lie in [0, 1]", { cause: new RangeError(\`got \${params.kappa}\`) });
};
`,
    );
    const text = `${valid}mechanism: { module: ./throwing.mjs, params: { kappa: 2 } }\n`;
    await writeFile(join(dir, "scenario.yaml"), text);
    const r = await runCliIn(dir);
    expect(r.code).toBe(1);
    expect(r.runs).toEqual([]);
    expect(normalize(r.stderr, dir)).toMatchInlineSnapshot(`
      "error: <dir>/scenario.yaml: mechanism.module: the factory exported by ./throwing.mjs threw
             cause: kappa must lie in [0, 1]
             cause: got 2
             (CRUCIBLE_MECHANISM_INVALID)"
    `);
  });

  it("names an unwritable --out, with the file system's error as the cause", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-cause-"));
    await writeFile(join(dir, "scenario.yaml"), valid);
    const r = await runCliIn(dir, join(dir, "scenario.yaml", "runs"));
    expect(r.code).toBe(1);
    expect(normalize(r.stderr, dir)).toMatchInlineSnapshot(`
      "error: cannot create the run folder in <dir>/scenario.yaml/runs
             cause: ENOTDIR: not a directory, mkdir '<dir>/scenario.yaml/runs/.bad-input-1-<stamp>.partial'
             (CRUCIBLE_RUN_FAILED)"
    `);
  });
});

/** Runs `crucible run <dir>/scenario.yaml --out <out>` and returns exit code, stderr and what out holds. */
async function runCliIn(dir: string, out = join(dir, "runs")) {
  try {
    await run(process.execPath, [CLI, "run", join(dir, "scenario.yaml"), "--out", out, "--quiet"], {
      timeout: 120_000,
    });
    throw new Error("expected a non-zero exit");
  } catch (e) {
    const err = e as { code?: number; stderr?: string };
    const runs = await readdir(out).catch(() => []);
    return { code: err.code, stderr: err.stderr ?? "", runs };
  }
}
