import { execFile } from "node:child_process";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

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
