import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { CrucibleError } from "../sim/errors/CrucibleError.ts";
import { prepareRun } from "../sim/prepareRun.ts";
import { runScenario } from "../sim/runScenario.ts";

/**
 * The project's own scenario fuzzer: every leaf field of every scenario file replaced by a wrong
 * type, a negative, a huge count, NaN, infinities, null, an object, a list, a boolean; every key
 * removed; unknown keys added; the text cut short, doubled, emptied and replaced by binary bytes.
 * Each mutant is rejected with one CrucibleError line naming the file (and, for a field, the field)
 * or it validates; a sample of the valid ones is run for real. Nothing may crash (a non-Crucible
 * error), and no rejection may start anything.
 */
const ROOT = join(import.meta.dirname, "..");
const SCENARIOS = ["quickstart.yaml", "slashing.yaml", "task-market.yaml", "forecasting.yaml"].map((f) =>
  join(ROOT, "scenarios", f),
);
const VALUES: [string, unknown][] = [
  ["a string", "x"],
  ["a negative", -1],
  ["a huge number", 1e12],
  ["NaN", Number.NaN],
  ["infinity", Number.POSITIVE_INFINITY],
  ["minus infinity", Number.NEGATIVE_INFINITY],
  ["null", null],
  ["an object", { a: 1 }],
  ["a list", [1]],
  ["a boolean", true],
];

type Path = (string | number)[];
const show = (path: Path) =>
  path
    .map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`))
    .join("")
    .slice(1);

function leaves(value: unknown, path: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [path];
  const entries = Object.entries(value);
  if (entries.length === 0) return [path];
  return entries.flatMap(([k, v]) => leaves(v, [...path, Array.isArray(value) ? Number(k) : k]));
}

function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove) delete at[last];
  else at[last] = value;
  return copy;
}

interface Mutant {
  what: string;
  text: string | Buffer;
  /** The field the message must name (its path, or its parent's for a removed or added key). */
  field?: string;
}

function mutants(file: string): Mutant[] {
  const text = readFileSync(file, "utf8");
  const base = parse(text);
  const out: Mutant[] = [];
  for (const path of leaves(base)) {
    for (const [what, value] of VALUES) {
      out.push({
        what: `${show(path)} = ${what}`,
        text: stringify(setAt(base, path, value)),
        field: show(path),
      });
    }
    out.push({ what: `${show(path)} removed`, text: stringify(setAt(base, path, undefined, true)) });
  }
  const objects = Object.keys(base).filter(
    (k) => base[k] !== null && typeof base[k] === "object" && !Array.isArray(base[k]),
  );
  for (const key of objects) {
    out.push({
      what: `unknown key under ${key}`,
      text: stringify(setAt(base, [key, "bogus"], 1)),
      field: key,
    });
  }
  out.push({ what: "unknown top-level key", text: stringify({ ...base, bogus: 1 }), field: "bogus" });
  out.push({ what: "empty file", text: "" });
  out.push({ what: "cut in half", text: text.slice(0, Math.floor(text.length / 2)) });
  out.push({ what: "doubled (duplicate keys)", text: text + text });
  out.push({ what: "a tab and a stray colon", text: `${text}\n\t: :\n` });
  out.push({
    what: "binary bytes",
    text: Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37) % 256)),
  });
  out.push({ what: "a list at the top", text: "- 1\n- 2\n" });
  return out;
}

describe("the scenario fuzzer: every mutation rejected in one line naming file and field, or run cleanly", () => {
  it("rejects or accepts >= 200 mutants of the shipped scenarios without a crash", {
    timeout: 600_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "crucible-fuzz-"));
    const valid: { what: string; file: string }[] = [];
    let count = 0;
    /** Mutants whose message names another field: a bound across fields (see below). */
    const elsewhere: string[] = [];
    const started = performance.now();
    for (const scenario of SCENARIOS) {
      for (const m of mutants(scenario)) {
        const file = join(dir, `m${count++}.yaml`);
        writeFileSync(file, m.text);
        const error = await prepareRun({ scenarioPath: file }).then(
          () => null,
          (e: unknown) => e,
        );
        if (error === null) {
          valid.push({ what: m.what, file });
          continue;
        }
        // A crash is any error that is not ours: a bug, whatever the input.
        expect(error, `${m.what}: ${(error as Error).stack}`).toBeInstanceOf(CrucibleError);
        const message = (error as CrucibleError).message;
        expect(message, m.what).not.toContain("\n");
        expect(message.startsWith(`${file}: `), `${m.what}: ${message}`).toBe(true);
        if (m.field !== undefined) {
          // The message names the mutated field, or one of its ancestors (an object that no longer
          // parses as a whole, a list whose sum or order broke).
          const named = message.slice(file.length + 2);
          const ancestors = m.field.split(/(?=\.|\[)/).map((_, i, parts) => parts.slice(0, i + 1).join(""));
          const namesIt = ancestors.some((a) => [":", " ", ".", "["].some((c) => named.startsWith(a + c)));
          if (!namesIt) elsewhere.push(`${m.what} -> ${named.split(":")[0]}`);
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${count} mutants: ${count - valid.length} rejected, ${valid.length} valid, ${seconds.toFixed(1)} s`,
    );
    expect(count).toBeGreaterThanOrEqual(200);
    expect(elsewhere, "mutants whose message names another field").toEqual([]);
    // The valid mutants that change a cheap field run for real, one epoch on the in-memory protocol.
    const cheap = valid.filter((v) => /^(name|description|seed|costs\.)/.test(v.what)).slice(0, 3);
    for (const v of cheap) {
      const run = await runScenario({
        scenarioPath: v.file,
        epochs: 1,
        outDir: join(dir, "runs"),
        overrides: { chain: { backend: "memory" } },
        charts: false,
      });
      expect(run.tables.epochs.length, v.what).toBe(1);
    }
  });

  it("the CLI answers binary and empty files with one line and exit 1, writing nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "crucible-fuzz-cli-"));
    for (const [name, bytes] of [
      ["binary.yaml", Buffer.from([0, 159, 146, 150, 255, 0, 1, 2])],
      ["empty.yaml", Buffer.alloc(0)],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const r = await execa(
        process.execPath,
        [join(ROOT, "bin", "crucible.mjs"), "run", file, "--out", join(dir, "runs")],
        {
          reject: false,
          timeout: 60_000,
        },
      );
      expect(r.exitCode, name).toBe(1);
      expect(r.stderr.split("\n")[0]).toMatch(new RegExp(`^error: ${file}: `));
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(dir).filter((f) => f === "runs")).toEqual([]);
    }
  });
});
