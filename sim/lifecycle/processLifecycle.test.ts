import { afterEach, describe, expect, it } from "vitest";
import { own, ownedCount } from "./processLifecycle.ts";

const EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "exit", "uncaughtException", "unhandledRejection"] as const;
const counts = () => Object.fromEntries(EVENTS.map((e) => [e, process.listenerCount(e)]));

function resource(log: string[], name: string) {
  return {
    name,
    stop: async (reason: string) => {
      log.push(`stop ${name}: ${reason}`);
    },
    killNow: (reason: string) => {
      log.push(`kill ${name}: ${reason}`);
    },
  };
}

describe("the process-lifecycle owner", () => {
  const releases: (() => void)[] = [];
  afterEach(() => {
    for (const r of releases.splice(0)) r();
  });

  it("listens on every exit path only while something is owned", () => {
    const before = counts();
    const log: string[] = [];
    const a = own(resource(log, "a"));
    const b = own(resource(log, "b"));
    releases.push(a, b);
    expect(ownedCount()).toBe(2);
    for (const e of EVENTS) expect(process.listenerCount(e)).toBe(before[e] + 1);
    a();
    a(); // idempotent
    expect(ownedCount()).toBe(1);
    for (const e of EVENTS) expect(process.listenerCount(e)).toBe(before[e] + 1);
    b();
    expect(ownedCount()).toBe(0);
    expect(counts()).toEqual(before);
    expect(log).toEqual([]);
  });

  it("is first in line for uncaught errors, ahead of a listener that was there before (tfjs's glue)", () => {
    const rethrow = (error: unknown) => {
      throw error;
    };
    process.on("uncaughtException", rethrow);
    try {
      releases.push(own(resource([], "a")));
      expect(process.listeners("uncaughtException")[0]).not.toBe(rethrow);
      expect(process.listeners("uncaughtException").at(-1)).toBe(rethrow);
    } finally {
      process.off("uncaughtException", rethrow);
    }
  });

  it("kills what it owns, last owned first, on exit", () => {
    const log: string[] = [];
    const others = process.listeners("exit");
    releases.push(own(resource(log, "chain")), own(resource(log, "workers")));
    const hooks = process.listeners("exit").filter((l) => !others.includes(l));
    expect(hooks).toHaveLength(1);
    hooks[0].call(process, 0); // as Node would on exit, without ending the test's process
    expect(log).toEqual([
      "kill workers: the process exited (code 0) while it ran",
      "kill chain: the process exited (code 0) while it ran",
    ]);
    expect(ownedCount()).toBe(0);
  });
});
