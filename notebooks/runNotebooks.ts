/**
 * Executes the Jupyter notebooks in this folder on the tslab TypeScript kernel, through Jupyter's own
 * client (nbclient, from Debian's `python3-nbclient`), and fails on the first cell error.
 *
 *   npm run notebooks                       # every notebook at full size; outputs written back in place
 *   npm run notebooks -- --reduced          # every cell at a tiny size (what CI runs); outputs to a temp folder
 *   npm run notebooks -- attackCost         # one notebook
 *
 * The kernel spec is written into a private JUPYTER_PATH for the run, so nothing is installed for
 * the user; to open the notebooks in Jupyter, run `npx tslab install` once.
 */
import { mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { execa } from "execa";
import { CrucibleError } from "../sim/errors/CrucibleError.ts";

const HERE = import.meta.dirname;

/** Tiny sizes: every cell runs, nothing is answered. */
export const REDUCED_ENV = {
  CRUCIBLE_NOTEBOOK_EPOCHS: "2",
  CRUCIBLE_NOTEBOOK_SEEDS: "1",
  CRUCIBLE_NOTEBOOK_CHAIN: "memory",
};

/** Executes one notebook in place (reads `from`, writes `to`); nbclient raises on any cell error. */
const EXECUTE_PY = `
import sys, nbformat, nbclient
src, dst, cwd = sys.argv[1], sys.argv[2], sys.argv[3]
nb = nbformat.read(src, as_version=4)
client = nbclient.NotebookClient(nb, timeout=1800, kernel_name="tslab", resources={"metadata": {"path": cwd}})
try:
    client.execute()
except nbclient.exceptions.CellExecutionError as e:
    nbformat.write(nb, dst)
    print(str(e).strip().splitlines()[-1] if str(e).strip() else "cell failed", file=sys.stderr)
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error" or o.get("name") == "stderr":
                print(f"cell {i}: " + (o.get("text") or o.get("evalue") or "").strip()[:2000], file=sys.stderr)
    sys.exit(1)
nbformat.write(nb, dst)
`;

/** A Python 3 that has nbclient, or a clear error saying how to get one. */
export async function findJupyterPython(): Promise<string> {
  const candidates = [process.env.CRUCIBLE_PYTHON, "/usr/bin/python3", "python3"].filter(
    (c): c is string => typeof c === "string" && c !== "",
  );
  for (const python of candidates) {
    const probe = await execa(python, ["-c", "import nbclient, nbformat"], { reject: false });
    if (probe.exitCode === 0) return python;
  }
  throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", "no Python with Jupyter's nbclient", {
    details: `tried ${candidates.join(", ")}; install it with \`apt-get install -y python3-nbclient\` or set CRUCIBLE_PYTHON`,
  });
}

/** A private Jupyter data folder whose `tslab` kernel runs this project's tslab on this Node. */
async function writeKernelSpec(): Promise<string> {
  const jupyterPath = await mkdtemp(join(tmpdir(), "crucible-jupyter-"));
  const kernelDir = join(jupyterPath, "kernels", "tslab");
  await mkdir(kernelDir, { recursive: true });
  const tslab = join(dirname(createRequire(import.meta.url).resolve("tslab/package.json")), "bin", "tslab");
  const spec = {
    argv: [process.execPath, tslab, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
  };
  await writeFile(join(kernelDir, "kernel.json"), JSON.stringify(spec));
  return jupyterPath;
}

export interface NotebookRun {
  notebook: string;
  output: string;
  ok: boolean;
  error: string;
  seconds: number;
}

/** Executes each notebook (paths) on the tslab kernel; `outDir` null writes the outputs back in place. */
export async function runNotebooks(
  notebooks: string[],
  options: { reduced: boolean; outDir: string | null },
): Promise<NotebookRun[]> {
  const python = await findJupyterPython();
  const jupyterPath = await writeKernelSpec();
  const env = { JUPYTER_PATH: jupyterPath, ...(options.reduced ? REDUCED_ENV : {}) };
  const runs: NotebookRun[] = [];
  for (const notebook of notebooks) {
    const output = options.outDir === null ? notebook : join(options.outDir, basename(notebook));
    const t0 = performance.now();
    const r = await execa(python, ["-c", EXECUTE_PY, notebook, output, dirname(notebook)], {
      env,
      reject: false,
    });
    runs.push({
      notebook,
      output,
      ok: r.exitCode === 0,
      error: r.exitCode === 0 ? "" : String(r.stderr).trim(),
      seconds: (performance.now() - t0) / 1000,
    });
  }
  return runs;
}

/** The notebooks in this folder, or those named (with or without `.ipynb`). */
export async function listNotebooks(names: string[] = []): Promise<string[]> {
  const all = (await readdir(HERE)).filter((f) => f.endsWith(".ipynb")).sort();
  if (names.length === 0) return all.map((f) => join(HERE, f));
  return names.map((n) => {
    const file = n.endsWith(".ipynb") ? basename(n) : `${basename(n)}.ipynb`;
    if (!all.includes(file)) {
      throw new CrucibleError("CRUCIBLE_INVALID_ARGUMENT", `no notebook ${n}`, {
        details: `notebooks: ${all.join(", ")}`,
      });
    }
    return join(HERE, file);
  });
}

if (process.argv[1] === import.meta.filename) {
  const { values, positionals } = parseArgs({
    options: { reduced: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  try {
    const notebooks = await listNotebooks(positionals);
    const outDir = values.reduced ? await mkdtemp(join(tmpdir(), "crucible-notebooks-")) : null;
    const runs = await runNotebooks(notebooks, { reduced: values.reduced, outDir });
    for (const r of runs) {
      console.log(
        `${r.ok ? "ok  " : "FAIL"} ${basename(r.notebook)} (${r.seconds.toFixed(1)} s) -> ${r.output}`,
      );
      if (!r.ok) console.error(r.error);
    }
    process.exitCode = runs.every((r) => r.ok) ? 0 : 1;
  } catch (error) {
    const e = error as CrucibleError;
    console.error(`error: ${e.message}${e.details ? `\n       ${e.details}` : ""}`);
    process.exitCode = 1;
  }
}
