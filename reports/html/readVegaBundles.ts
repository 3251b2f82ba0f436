import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { CrucibleError } from "../../sim/errors/CrucibleError.ts";

/** The browser builds of vega, vega-lite and vega-embed, inlined into report.html. */
export interface VegaBundles {
  vega: VegaBundle;
  vegaLite: VegaBundle;
  vegaEmbed: VegaBundle;
}

export interface VegaBundle {
  name: string;
  version: string;
  /** Path of the build inside the package, from its package.json (`jsdelivr`/`unpkg`). */
  file: string;
  source: string;
}

const require = createRequire(import.meta.url);

/** Finds a package's own package.json by walking up from its resolved entry point. */
function readPackageJson(name: string): { dir: string; pkg: Record<string, unknown> } {
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<string, unknown>;
      if (pkg.name === name) return { dir, pkg };
    } catch {
      // no package.json here, keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new CrucibleError(
        "CRUCIBLE_REPORT_FAILED",
        `readVegaBundles: cannot find package.json of ${name}`,
      );
    dir = parent;
  }
}

function readBundle(name: string): VegaBundle {
  const { dir, pkg } = readPackageJson(name);
  const file = (pkg.jsdelivr ?? pkg.unpkg) as string | undefined;
  if (typeof file !== "string")
    throw new CrucibleError(
      "CRUCIBLE_REPORT_FAILED",
      `readVegaBundles: ${name}/package.json names no browser build`,
    );
  return { name, version: String(pkg.version), file, source: readFileSync(join(dir, file), "utf8") };
}

let cached: VegaBundles | undefined;

/** Reads (once per process) the minified UMD builds that define `vega`, `vegaLite`, `vegaEmbed`. */
export function readVegaBundles(): VegaBundles {
  cached ??= {
    vega: readBundle("vega"),
    vegaLite: readBundle("vega-lite"),
    vegaEmbed: readBundle("vega-embed"),
  };
  return cached;
}
