import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { sweepStalePartials } from "../sim/run/stalePartials.ts";
import { TAG_VARIABLE, taggedAnvils, waitNoTaggedAnvil } from "./fixtures/processes/taggedAnvils.ts";

/**
 * `crucible run` as a user runs it (a child process, real Anvil, real tfjs) ended every bad way:
 * a user mechanism that throws from a timer or leaves a rejected promise, kill -9 while the main
 * thread is blocked, SIGTERM/SIGHUP mid-run, a model cache that cannot be written, an `--out` that
 * cannot exist, a "billion laughs" scenario. Each must end promptly with one clear message and leave
 * no Anvil: every process the CLI starts inherits a tag in its environment, and /proc is searched
 * for an Anvil carrying it.
 */
const CLI = join(import.meta.dirname, "..", "bin", "crucible.mjs");
const CREATE_MECHANISM = pathToFileURL(
  join(import.meta.dirname, "..", "sim", "mechanisms", "createMechanism.ts"),
);
const linux = process.platform === "linux";

function scenario(epochs: number, module?: string): string {
  return `name: lifecycle
seed: 7
epochs: ${epochs}
population:
  miners: [{ tier: random, count: 2 }]
  validators: [{ count: 1, stake: 10 }]
${module === undefined ? "" : `mechanism: { module: ${module} }\n`}`;
}

/** A mechanism module: Yuma, with `epochBody` run at the start of every epoch. */
function mechanismModule(epochBody: string): string {
  return `import { createMechanism } from ${JSON.stringify(CREATE_MECHANISM.href)};
export default () => {
  const yuma = createMechanism("yuma", {}, {});
  return { ...yuma, name: "lifecycle-test", epoch(input, state) { ${epochBody}; return yuma.epoch(input, state); } };
};
`;
}

interface Cli {
  child: ChildProcess;
  tag: string;
  out: string;
  stderr(): string;
  /** Resolves once stderr matches. */
  waitFor(pattern: RegExp): Promise<void>;
  exit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let count = 0;

async function startCli(
  text: string,
  files: Record<string, string> = {},
  options: { out?: string; env?: Record<string, string> } = {},
): Promise<Cli> {
  const dir = await mkdtemp(join(tmpdir(), "crucible-lifecycle-"));
  await writeFile(join(dir, "scenario.yaml"), text);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  const out = options.out ?? join(dir, "runs");
  const tag = `${process.pid}-${count++}`;
  const child = spawn(process.execPath, [CLI, "run", join(dir, "scenario.yaml"), "--out", out], {
    env: { ...process.env, ...options.env, [TAG_VARIABLE]: tag },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stderr?.on("data", (d) => {
    err += d;
    for (const w of waiters.filter((x) => x.pattern.test(err))) w.resolve();
  });
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    child,
    tag,
    out,
    stderr: () => err,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(err)) return resolve();
        waiters.push({ pattern, resolve });
        void exited.then(() => reject(new Error(`the CLI exited before printing ${pattern}:\n${err}`)));
      }),
    exit: async () => {
      const [code, signal] = await exited;
      return { code, signal };
    },
  };
}

describe.runIf(linux)("crucible run leaves no Anvil", () => {
  it.each([
    [
      "throws from a timer",
      "setTimeout(() => { throw new Error('mechanism timer failed'); }, 0)",
      /uncaught exception/,
    ],
    [
      "leaves a rejected promise",
      "void Promise.reject(new Error('mechanism promise failed'))",
      /unhandled rejection/,
    ],
  ])(
    "when a user mechanism %s: one message, exit 1, the run folder marked failed",
    async (_, body, origin) => {
      const cli = await startCli(scenario(3, "./mechanism.mjs"), { "mechanism.mjs": mechanismModule(body) });
      await cli.waitFor(/chain: anvil at/);
      const exit = await cli.exit();
      expect(exit.code).toBe(1);
      expect(cli.stderr()).toMatch(origin);
      expect(cli.stderr()).toMatch(/cause: mechanism (timer|promise) failed/);
      expect(cli.stderr()).toContain("(CRUCIBLE_RUN_FAILED)");
      expect(cli.stderr()).not.toMatch(/\n\s+at /);
      expect(await waitNoTaggedAnvil(cli.tag, 2_000)).toEqual([]);
      const runs = await readdir(cli.out);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatch(/^lifecycle-7-\d{8}T\d{6}Z\.failed$/);
      expect(readFileSync(join(cli.out, runs[0], "error.txt"), "utf8")).toMatch(origin);
    },
  );

  it("kill -9 while the main thread is blocked: Anvil is gone within two seconds, the next run marks the folder failed", async () => {
    const body =
      "process.stderr.write('BLOCKING\\n'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120000)";
    const cli = await startCli(scenario(3, "./mechanism.mjs"), { "mechanism.mjs": mechanismModule(body) });
    await cli.waitFor(/BLOCKING/);
    expect(taggedAnvils(cli.tag)).toHaveLength(1);
    cli.child.kill("SIGKILL");
    expect((await cli.exit()).signal).toBe("SIGKILL");
    expect(await waitNoTaggedAnvil(cli.tag, 2_000)).toEqual([]);
    // The folder it left is .partial; its owner is dead, so the next run's sweep marks it failed.
    const [partial] = await readdir(cli.out);
    expect(partial).toMatch(/^\.lifecycle-7-.*\.partial$/);
    const swept = sweepStalePartials(cli.out);
    expect(swept.map((s) => s.pid)).toEqual([cli.child.pid]);
    const failed = `${partial.slice(1, -".partial".length)}.failed`;
    expect(await readdir(cli.out)).toEqual([failed]);
    expect(readFileSync(join(cli.out, failed, "error.txt"), "utf8")).toMatch(
      new RegExp(`abandoned: .*\\(pid ${cli.child.pid}\\)`),
    );
  });

  it.each(["SIGTERM", "SIGHUP"] as const)(
    "%s mid-run: obeyed, Anvil gone, the folder marked failed",
    async (signal) => {
      const body = "process.stderr.write('EPOCH\\n')";
      const cli = await startCli(scenario(500, "./mechanism.mjs"), {
        "mechanism.mjs": mechanismModule(body),
      });
      await cli.waitFor(/EPOCH/);
      expect(taggedAnvils(cli.tag)).toHaveLength(1);
      cli.child.kill(signal);
      const exit = await cli.exit();
      expect(exit.signal === signal || exit.code === 128 + (signal === "SIGTERM" ? 15 : 1)).toBe(true);
      expect(await waitNoTaggedAnvil(cli.tag, 2_000)).toEqual([]);
      const runs = await readdir(cli.out);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatch(/\.failed$/);
      expect(readFileSync(join(cli.out, runs[0], "error.txt"), "utf8")).toContain(`interrupted by ${signal}`);
    },
  );

  it("a model cache that cannot be written: exit 1 at once, the chain started beside it stopped", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crucible-cache-"));
    const notADir = join(dir, "file");
    await writeFile(notADir, "");
    const cli = await startCli(scenario(2), {}, { env: { CRUCIBLE_CACHE_DIR: notADir } });
    const exit = await cli.exit();
    expect(exit.code).toBe(1);
    expect(cli.stderr()).toMatch(/^error: cannot create the model cache/m);
    expect(cli.stderr()).toContain("(CRUCIBLE_INFERENCE_FAILED)");
    expect(await waitNoTaggedAnvil(cli.tag, 2_000)).toEqual([]);
  });
});

describe("crucible run: bad places and bad YAML are one-line errors", () => {
  it.runIf(linux)("--out under /proc: exit 1 with the folder named, no endless loop", async () => {
    const cli = await startCli(scenario(1), {}, { out: "/proc/crucible-no-such/runs" });
    expect((await cli.exit()).code).toBe(1);
    expect(cli.stderr()).toMatch(/^error: cannot create the run folder in \/proc\/crucible-no-such\/runs/);
    expect(cli.stderr()).toContain("(CRUCIBLE_RUN_FAILED)");
    expect(cli.stderr()).not.toMatch(/\n\s+at /);
  });

  it("a billion-laughs scenario: exit 1, invalid YAML, no stack", async () => {
    const levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 9; i++)
      levels.push(
        `a${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(", ")}]`,
      );
    const cli = await startCli(`${scenario(1)}${levels.join("\n")}\n`);
    expect((await cli.exit()).code).toBe(1);
    expect(cli.stderr()).toMatch(/scenario\.yaml: invalid YAML: Excessive alias count/);
    expect(cli.stderr()).toContain("(CRUCIBLE_SCENARIO_INVALID)");
    expect(cli.stderr()).not.toMatch(/\n\s+at /);
    expect(existsSync(cli.out)).toBe(false);
  });
});
