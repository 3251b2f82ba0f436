import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runningChainCount, startChain } from "../sim/chain/index.ts";
import { resolveAnvilBinary } from "../sim/chain/resolveAnvilBinary.ts";
import { CrucibleError } from "../sim/errors/CrucibleError.ts";

const fixture = fileURLToPath(new URL("./fixtures/chain/startChainChild.ts", import.meta.url));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe("ESRCH");
    return false;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

/** Starts the fixture and resolves with the child and the Anvil PID it printed. */
async function startFixture(
  mode: string,
): Promise<{ child: ChildProcess; anvilPid: number; stderr: () => string }> {
  // One process (node with tsx's loader), so that a signal or SIGKILL reaches the process that
  // started the chain, not a launcher in front of it.
  const child = spawn(process.execPath, ["--import", "tsx", fixture, mode], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr?.on("data", (d) => (err += d));
  const anvilPid = await new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (d) => {
      out += d;
      const m = /ANVIL_PID=(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) =>
      reject(new Error(`fixture exited (${code}) before printing: ${out} ${err}`)),
    );
  });
  return { child, anvilPid, stderr: () => err };
}

async function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return { code: child.exitCode, signal: child.signalCode };
  const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
  return { code, signal };
}

describe("no orphan Anvil", () => {
  it.each([
    ["SIGINT", "wait"],
    ["SIGTERM", "wait"],
    ["SIGHUP", "wait"],
    ["an uncaught error", "throw"],
    ["an uncaught error with tfjs-backend-wasm's glue loaded", "tfjs-throw"],
    ["an unhandled rejection with tfjs-backend-wasm's glue loaded", "tfjs-reject"],
    ["process.exit(0)", "exit"],
    ["a normal stop", "stop"],
  ])("the child exits and its Anvil is gone after %s", async (what, mode) => {
    const { child, anvilPid, stderr } = await startFixture(mode);
    expect(anvilPid).toBeGreaterThan(0);
    if (mode === "wait") {
      expect(isAlive(anvilPid)).toBe(true);
      child.kill(what as NodeJS.Signals);
    }
    const exit = await Promise.race([
      exitOf(child),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("child did not exit")), 10_000)),
    ]);
    if (mode === "wait") expect(exit.signal === what || (exit.code ?? 0) !== 0).toBe(true);
    if (mode === "throw" || mode === "tfjs-throw") {
      expect(exit.code).not.toBe(0);
      expect(stderr()).toContain("fixture: uncaught error");
    }
    if (mode === "tfjs-reject") {
      expect(exit.code).not.toBe(0);
      expect(stderr()).toContain("fixture: unhandled rejection");
    }
    if (mode === "exit" || mode === "stop") expect(exit).toEqual({ code: 0, signal: null });
    expect(await waitGone(anvilPid, 5_000)).toBe(true);
  });

  it("kill -9 of the process that started Anvil leaves no Anvil within two seconds (its watchdog)", async () => {
    const { child, anvilPid } = await startFixture("wait");
    expect(isAlive(anvilPid)).toBe(true);
    child.kill("SIGKILL");
    expect((await exitOf(child)).signal).toBe("SIGKILL");
    expect(await waitGone(anvilPid, 2_000)).toBe(true);
  });
});

describe("startChain failures", () => {
  it("names a missing binary with CRUCIBLE_ANVIL_START_FAILED", async () => {
    const error = await startChain({ anvilBinary: "/nonexistent/anvil" }).catch((e) => e);
    expect(error).toBeInstanceOf(CrucibleError);
    expect(error.code).toBe("CRUCIBLE_ANVIL_START_FAILED");
    expect(error.message).toMatch(/nonexistent\/anvil is missing/);
    expect(runningChainCount()).toBe(0);
  });

  it("names a binary that exits at once with CRUCIBLE_ANVIL_START_FAILED", async () => {
    const error = await startChain({ anvilBinary: "/bin/false" }).catch((e) => e);
    expect(error.code).toBe("CRUCIBLE_ANVIL_START_FAILED");
  });

  it("resolves the shipped binary and refuses an unsupported platform", () => {
    expect(resolveAnvilBinary()).toMatch(/@foundry-rs\/anvil-[a-z0-9]+-[a-z0-9]+\/bin\/anvil(\.exe)?$/);
    expect(() => resolveAnvilBinary("aix", "ppc64")).toThrowError(/no binary for aix-ppc64/);
  });

  it("listens on 127.0.0.1 only, with automine off, and stops idempotently", async () => {
    const chain = await startChain();
    try {
      expect(chain.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await chain.testClient.getAutomine()).toBe(false);
      const before = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
      expect(await chain.mine()).toBe(before + 1n);
      expect(runningChainCount()).toBe(1);
    } finally {
      await chain.stop();
      await chain.stop();
    }
    expect(runningChainCount()).toBe(0);
    if (chain.pid !== undefined) expect(await waitGone(chain.pid, 5_000)).toBe(true);
  });
});
