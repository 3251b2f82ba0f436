import { BaseError } from "viem";
import { describe, expect, it } from "vitest";
import { toChainError } from "../chain/toChainError.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { formatError } from "./formatError.ts";

describe("formatError", () => {
  it("prints a viem cause by its shortMessage and details, once, then the code", () => {
    const refused = new Error("connect ECONNREFUSED 127.0.0.1:8545");
    const viem = new BaseError("HTTP request failed.", {
      cause: new Error("fetch failed", { cause: refused }),
    });
    expect(formatError(toChainError(viem, "reading the ledger"))).toMatchInlineSnapshot(`
      "error: chain failed while reading the ledger: HTTP request failed.
             fetch failed
             cause: HTTP request failed.
             cause: connect ECONNREFUSED 127.0.0.1:8545
             (CRUCIBLE_CHAIN_FAILED)"
    `);
  });

  it("prints a scenario error's further issues from its details, without a stack", () => {
    const error = new CrucibleError("CRUCIBLE_SCENARIO_INVALID", "x.yaml: seed: too big", {
      details: "x.yaml: seed: too big\nx.yaml: epochs: too small",
    });
    expect(formatError(error)).toMatchInlineSnapshot(`
      "error: x.yaml: seed: too big
             x.yaml: epochs: too small
             (CRUCIBLE_SCENARIO_INVALID)"
    `);
  });

  it("keeps the stack of an error that is not a CrucibleError (a bug)", () => {
    const text = formatError(new TypeError("x is undefined"));
    expect(text.split("\n")[0]).toBe("error: x is undefined");
    expect(text).toMatch(/\n\s+at /);
  });
});
