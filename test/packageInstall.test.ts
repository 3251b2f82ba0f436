import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };

/** Runs a command to completion; a non-zero exit fails with its output. */
function sh(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * The package as a user gets it: `npm pack` (prepack builds dist/), the tarball installed into an
 * empty folder (dependencies from the npm cache where it has them), then the installed `crucible`
 * bin and the library entry used from there. Slow (a build and an install: about 2–3 minutes on the
 * 2-core machine), so it runs when CRUCIBLE_PACKAGE_TEST=1, as .ci/run sets.
 */
describe.runIf(process.env.CRUCIBLE_PACKAGE_TEST === "1")("the packed package, installed", () => {
  let dir = "";
  const installed = () => join(dir, "node_modules", ...PKG.name.split("/"));
  const crucible = (...args: string[]) => sh("npx", ["--no-install", "crucible", ...args], dir);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "crucible-package-"));
    sh("npm", ["pack", "--pack-destination", dir], ROOT);
    const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error(`npm pack left no tarball in ${dir}`);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "user", private: true }));
    sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", join(dir, tarball)], dir);
  }, 600_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("ships compiled JavaScript with declarations, not the TypeScript sources", () => {
    const pkg = installed();
    expect(existsSync(join(pkg, "dist", "sim", "cli", "main.js"))).toBe(true);
    expect(existsSync(join(pkg, "dist", "sim", "runScenario.d.ts"))).toBe(true);
    expect(existsSync(join(pkg, "dist", "sim", "chain", "signTransactionsWorker.mjs"))).toBe(true);
    expect(existsSync(join(pkg, "sim"))).toBe(false);
    const tests = readdirSync(join(pkg, "dist"), { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".test.js"),
    );
    expect(tests).toEqual([]);
  });

  it("answers --version and --help from the installed bin", () => {
    expect(crucible("--version").trim()).toBe(PKG.version);
    expect(crucible("--help")).toMatch(/crucible run \[scenario\]/);
  });

  it("runs a scenario from the package to a report, inference in worker threads", () => {
    const scenario = join(installed(), "scenarios", "quickstart.yaml");
    const out = join(dir, "runs");
    crucible(
      "run",
      scenario,
      "--epochs",
      "2",
      "--chain",
      "memory",
      "--out",
      out,
      "--set",
      "inference.workers=2",
    );
    const runs = readdirSync(out);
    expect(runs).toHaveLength(1);
    expect(existsSync(join(out, runs[0]!, "report.html"))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, runs[0]!, "manifest.json"), "utf8")) as {
      version: string;
    };
    expect(manifest.version).toBe(PKG.version);
  });

  it("exports the library entry with its types", () => {
    const js = `import(${JSON.stringify(PKG.name)}).then((m) => console.log(typeof m.runScenario))`;
    expect(sh("node", ["--input-type=module", "-e", js], dir).trim()).toBe("function");
    const types = (JSON.parse(readFileSync(join(installed(), "package.json"), "utf8")) as { types: string })
      .types;
    expect(existsSync(join(installed(), types))).toBe(true);
  });
});
